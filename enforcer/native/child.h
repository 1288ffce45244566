// The child between clone and execve.
#pragma once
#include "plan.h"

namespace caplint {

struct ChildArgs {
  const ChildPlan* plan;
  int error_fd;  // write end of the O_CLOEXEC status pipe
};

// Entry point of the cloned child (clone(2) fn). Never returns: it execs or
// writes a StepFailure to error_fd and exits 125.
int ChildMain(void* args);

}  // namespace caplint

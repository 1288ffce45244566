// The child between clone and execve.
#pragma once
#include <sys/types.h>

#include "listener-slot.h"
#include "plan.h"

namespace caplint {

struct ChildArgs {
  const ChildPlan* plan;
  int error_fd;  // write end of the O_CLOEXEC status pipe
  // The same record, written into the parent's memory (CLONE_VM) before the
  // pipe: it still arrives when a filter already attached denies write(2).
  volatile StepFailure* shared;
  pid_t parent;  // getpid() of caplint, for the parent-death check
  // Set only for `caplint learn` (see listener-slot.h): the filter asks for a listener.
  ListenerSlot* listener = nullptr;
  // With a parent outside the child's pid namespace: a pipe that hangs up when it dies (TieToParent).
  int parent_fd = -1;
};

// Entry point of the cloned child (clone(2) fn). Never returns: it execs or
// records a StepFailure and exits 125 (or, should the filter deny exit_group,
// dies on a trap instruction).
int ChildMain(void* args);

}  // namespace caplint

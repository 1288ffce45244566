// Starts the child and reports whether it reached execve.
#pragma once
#include "plan.h"

namespace caplint {

struct LaunchOutcome {
  bool started = false;  // execve succeeded
  int pid = -1;
  int pidfd = -1;        // owned by the caller when started
  StepFailure failure{0, 0, -1};
};

// Throws std::system_error when the clone itself fails (nothing was started).
LaunchOutcome Launch(const ChildPlan& plan);

}  // namespace caplint

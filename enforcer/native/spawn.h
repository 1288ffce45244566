// Starts the child and reports whether it reached execve.
#pragma once
#include "listener-slot.h"
#include "plan.h"

namespace caplint {

struct LaunchOutcome {
  bool started = false;  // execve succeeded
  int pid = -1;
  int pidfd = -1;        // owned by the caller when started
  StepFailure failure{0, 0, -1};
  int hold_fd = -1;      // pid namespace: close once the command is verified (the init reaps it only then)
  int ns_pid = 0;        // pid namespace: the command's pid inside it
  bool into_cgroup = false;  // clone3 CLONE_INTO_CGROUP placed the child in plan.isolation.cgroup_dir
};

// Throws std::system_error when the clone itself fails (nothing was started).
// `listener`: for a recording launch (learn.cc), where the child leaves its filter's listener.
LaunchOutcome Launch(const ChildPlan& plan, ListenerSlot* listener = nullptr);

}  // namespace caplint

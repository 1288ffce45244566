// The child of an isolated launch (spawn-isolated.cc): a process of its own
// (forked, not sharing caplint's memory), created in its new namespaces.
#pragma once
#include "child.h"
#include "isolation-plan.h"

namespace caplint {

struct IsolatedArgs {
  ChildArgs child;            // for the confinement steps that follow (child.cc)
  const IsolationPlan* iso;
  int go_fd;                  // read end: a byte once the parent wrote the id maps; EOF if it died
  const int* procs_fds;       // cgroup.procs files, opened by the parent
  int procs_count;
  int hold_fd;                // pid namespace: read end the parent closes once it has verified the command
  void* command_stack;        // pid namespace: top of the stack the init starts the command on
  int go_write_fd;            // the parent's write end of the go pipe: closed first, so that the pipe hangs up when the parent dies
};

// Waits for the parent, joins the cgroups, sets up the namespaces in the
// order of docs/enforcer.md, then either runs the confinement steps itself
// (ChildMain) or, as PID 1 of a new pid namespace, becomes the minimal init
// (pid-init.cc). Never returns.
int IsolatedMain(void* args);

// Writes one StepFailure record to fd (the status pipe), retrying short writes.
void WriteRecord(int fd, StepFailure record);

// Writes one StepFailure record to fd and exits 125.
[[noreturn]] void ReportAndExit(int fd, int32_t step, int error, int32_t detail);

}  // namespace caplint

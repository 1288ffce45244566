// The minimal init of a new pid namespace (the job of tini or unshare --fork).
#pragma once
#include "isolated-child.h"

namespace caplint {

// Runs as PID 1 of the new namespace: starts the command under it
// (clone CLONE_VM|CLONE_VFORK, CLONE_VFORK alone for a recording
// launch, then the confinement steps of child.cc),
// reports kStepStarted with the command's pid, then reaps every orphan and
// forwards every signal it receives to the command. When the command exits
// it waits for the parent to release it (hold_fd), reaps it and exits with
// its code, or 128+N for signal N; the kernel then kills whatever is left in
// the namespace. Never returns.
[[noreturn]] void RunInit(const IsolatedArgs& args);

}  // namespace caplint

// PR_SET_DUMPABLE 0 while any confined child lives: a child that shares
// caplint's uid cannot ptrace it or read /proc/PID/mem, environ or fd of it.
// Main thread only (launch and the wait callbacks run there).
#pragma once

namespace caplint {

// One more child is about to exist; the first one makes caplint undumpable.
void HoldNotDumpable();
// A child is gone (reaped, or never started); the last one restores the
// dumpable value caplint had before.
void ReleaseNotDumpable();

}  // namespace caplint

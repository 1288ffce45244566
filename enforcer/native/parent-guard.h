// caplint's own process while any confined child lives (main thread only:
// launch and the wait callbacks run there):
// - PR_SET_DUMPABLE 0: a child that shares caplint's uid cannot ptrace it or
//   read its /proc/PID/mem, environ or fd;
// - the real-time signals glibc leaves to applications (SIGRTMIN..SIGRTMAX),
//   whose default action would end caplint, are ignored. The child resets
//   every disposition before its exec, so it inherits none of this.
#pragma once

namespace caplint {

// One more child is about to exist; the first one turns the guard on.
void GuardParent();
// A child is gone (reaped, or never started); the last one restores what
// caplint had before.
void UnguardParent();

}  // namespace caplint

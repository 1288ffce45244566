// Waiting for the child without blocking the event loop.
#pragma once
#include <napi.h>

namespace caplint {

// Launch hands every started child's pidfd here; only such descriptors are
// waited on or signalled, so a number closed and reused meanwhile never is.
void AdoptPidfd(int pidfd);

// waitExit(pidfd): a Promise of {code, signal, beforeExec} resolved when the
// child exits. libuv polls the pidfd (readable once the child is a zombie);
// the child is reaped with waitid(P_PIDFD) and the pidfd closed then.
// beforeExec: it was killed by SIGSYS while still named kPreExecComm, i.e.
// the filter killed it before its program ran.
Napi::Value WaitExit(const Napi::CallbackInfo& info);

// signal(pidfd, sig): pidfd_send_signal; false once the child is gone (ESRCH,
// or its pidfd already closed).
Napi::Value SendSignal(const Napi::CallbackInfo& info);

}  // namespace caplint

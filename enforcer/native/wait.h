// Waiting for the child without blocking the event loop.
#pragma once
#include <napi.h>

namespace caplint {

// waitExit(pidfd): a Promise of {code, signal} resolved when the child exits.
// libuv polls the pidfd (readable once the child is a zombie); the child is
// reaped with waitid(P_PIDFD) and the pidfd closed then.
Napi::Value WaitExit(const Napi::CallbackInfo& info);

// signal(pidfd, sig): pidfd_send_signal; false once the child is gone (ESRCH).
Napi::Value SendSignal(const Napi::CallbackInfo& info);

}  // namespace caplint

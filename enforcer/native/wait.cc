#include "wait.h"

#include <errno.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <uv.h>

#include <cstring>
#include <string>

namespace caplint {
namespace {

struct Waiter {
  Waiter(Napi::Env e, int fd) : env(e), deferred(Napi::Promise::Deferred::New(e)), context(e, "caplint:wait"), pidfd(fd) {
    poll.data = this;
  }
  uv_poll_t poll;
  Napi::Env env;
  Napi::Promise::Deferred deferred;
  Napi::AsyncContext context;
  int pidfd;
};

void Closed(uv_handle_t* handle) { delete static_cast<Waiter*>(handle->data); }

void Settle(Waiter* w, const siginfo_t* info, int error) {
  uv_poll_stop(&w->poll);
  close(w->pidfd);
  {
    Napi::HandleScope scope(w->env);
    Napi::CallbackScope callback_scope(w->env, w->context);  // runs microtasks when it closes
    if (info == nullptr) {
      w->deferred.Reject(Napi::Error::New(w->env, std::string("waiting for the child: ") + strerror(error)).Value());
    } else {
      Napi::Object result = Napi::Object::New(w->env);
      bool signaled = info->si_code == CLD_KILLED || info->si_code == CLD_DUMPED;
      result.Set("code", signaled ? w->env.Null() : Napi::Number::New(w->env, info->si_status));
      result.Set("signal", signaled ? Napi::Number::New(w->env, info->si_status) : w->env.Null());
      w->deferred.Resolve(result);
    }
  }
  uv_close(reinterpret_cast<uv_handle_t*>(&w->poll), Closed);
}

void Readable(uv_poll_t* handle, int status, int) {
  Waiter* w = static_cast<Waiter*>(handle->data);
  if (status < 0) return Settle(w, nullptr, -status);
  siginfo_t info{};
  if (waitid(P_PIDFD, static_cast<id_t>(w->pidfd), &info, WEXITED | WNOHANG) != 0) {
    if (errno == EINTR) return;
    return Settle(w, nullptr, errno);
  }
  if (info.si_pid == 0) return;  // not exited yet
  Settle(w, &info, 0);
}

int PidfdArg(const Napi::CallbackInfo& info) {
  if (info.Length() < 1 || !info[0].IsNumber()) throw Napi::TypeError::New(info.Env(), "pidfd must be a number");
  int fd = info[0].As<Napi::Number>().Int32Value();
  if (fd < 0) throw Napi::RangeError::New(info.Env(), "pidfd must be a descriptor");
  return fd;
}

}  // namespace

Napi::Value WaitExit(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  int fd = PidfdArg(info);
  uv_loop_t* loop = nullptr;
  if (napi_get_uv_event_loop(env, &loop) != napi_ok) throw Napi::Error::New(env, "no event loop");
  auto* w = new Waiter(env, fd);
  Napi::Promise promise = w->deferred.Promise();
  int rc = uv_poll_init(loop, &w->poll, fd);
  if (rc != 0) {
    delete w;
    throw Napi::Error::New(env, std::string("polling the child's pidfd: ") + uv_strerror(rc));
  }
  rc = uv_poll_start(&w->poll, UV_READABLE, Readable);
  if (rc != 0) {
    uv_close(reinterpret_cast<uv_handle_t*>(&w->poll), Closed);
    throw Napi::Error::New(env, std::string("polling the child's pidfd: ") + uv_strerror(rc));
  }
  return promise;
}

Napi::Value SendSignal(const Napi::CallbackInfo& info) {
  int fd = PidfdArg(info);
  if (info.Length() < 2 || !info[1].IsNumber()) throw Napi::TypeError::New(info.Env(), "signal must be a number");
  int sig = info[1].As<Napi::Number>().Int32Value();
  if (syscall(SYS_pidfd_send_signal, fd, sig, nullptr, 0) == 0) return Napi::Boolean::New(info.Env(), true);
  if (errno == ESRCH) return Napi::Boolean::New(info.Env(), false);
  throw Napi::Error::New(info.Env(), std::string("pidfd_send_signal: ") + strerror(errno));
}

}  // namespace caplint

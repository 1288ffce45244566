#include "wait.h"

#include <errno.h>
#include <signal.h>
#include <sys/syscall.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <uv.h>

#include <cstring>
#include <string>
#include <unordered_set>

#include "child-guard.h"
#include "parent-guard.h"

namespace caplint {
namespace {

std::unordered_set<int>& Owned() {
  static std::unordered_set<int> owned;  // main thread only
  return owned;
}

std::unordered_set<int>& Waited() {
  static std::unordered_set<int> waited;  // main thread only: pidfds with a Waiter
  return waited;
}

// A zombie still has /proc/PID/comm; execve would have replaced the name.
bool DiedBeforeExec(const siginfo_t& info) {
  if (info.si_code != CLD_KILLED && info.si_code != CLD_DUMPED) return false;
  if (info.si_status != SIGSYS) return false;
  std::string path = "/proc/" + std::to_string(info.si_pid) + "/comm";
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  char name[32] = {};
  ssize_t n = read(fd, name, sizeof name - 1);
  close(fd);
  if (n <= 0) return false;
  if (name[n - 1] == '\n') name[n - 1] = 0;
  return std::strcmp(name, kPreExecComm) == 0;
}

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

// The pidfd is closed only once libuv has let go of the handle that polls it.
void Closed(uv_handle_t* handle) {
  Waiter* w = static_cast<Waiter*>(handle->data);
  Owned().erase(w->pidfd);
  Waited().erase(w->pidfd);
  close(w->pidfd);
  UnguardParent();
  delete w;
}

void Settle(Waiter* w, const siginfo_t* info, int error, bool before_exec) {
  uv_poll_stop(&w->poll);
  {
    Napi::HandleScope scope(w->env);
    Napi::CallbackScope callback_scope(w->env, w->context);  // runs microtasks when it closes
    if (info == nullptr) {
      // Nobody can watch it any more: kill it rather than let it run unobserved.
      syscall(SYS_pidfd_send_signal, w->pidfd, SIGKILL, nullptr, 0);
      w->deferred.Reject(Napi::Error::New(w->env, std::string("waiting for the child: ") + strerror(error)).Value());
    } else {
      Napi::Object result = Napi::Object::New(w->env);
      bool signaled = info->si_code == CLD_KILLED || info->si_code == CLD_DUMPED;
      result.Set("code", signaled ? w->env.Null() : Napi::Number::New(w->env, info->si_status));
      result.Set("signal", signaled ? Napi::Number::New(w->env, info->si_status) : w->env.Null());
      result.Set("beforeExec", Napi::Boolean::New(w->env, before_exec));
      w->deferred.Resolve(result);
    }
  }
  uv_close(reinterpret_cast<uv_handle_t*>(&w->poll), Closed);
}

void Readable(uv_poll_t* handle, int status, int) {
  Waiter* w = static_cast<Waiter*>(handle->data);
  if (status < 0) return Settle(w, nullptr, -status, false);
  siginfo_t info{};
  // Look first (WNOWAIT): the zombie's name tells whether it had exec'd.
  if (waitid(P_PIDFD, static_cast<id_t>(w->pidfd), &info, WEXITED | WNOHANG | WNOWAIT) != 0) {
    if (errno == EINTR) return;
    return Settle(w, nullptr, errno, false);
  }
  if (info.si_pid == 0) return;  // not exited yet
  bool before_exec = DiedBeforeExec(info);
  siginfo_t reaped{};
  while (waitid(P_PIDFD, static_cast<id_t>(w->pidfd), &reaped, WEXITED | WNOHANG) != 0) {
    if (errno != EINTR) return Settle(w, nullptr, errno, false);
  }
  Settle(w, &info, 0, before_exec);
}

int PidfdArg(const Napi::CallbackInfo& info) {
  if (info.Length() < 1 || !info[0].IsNumber()) throw Napi::TypeError::New(info.Env(), "pidfd must be a number");
  int fd = info[0].As<Napi::Number>().Int32Value();
  if (fd < 0) throw Napi::RangeError::New(info.Env(), "pidfd must be a descriptor");
  return fd;
}

}  // namespace

void AdoptPidfd(int pidfd) { Owned().insert(pidfd); }

Napi::Value WaitExit(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  int fd = PidfdArg(info);
  if (Owned().count(fd) == 0) throw Napi::RangeError::New(env, "waitExit: not the pidfd of a child this addon started");
  if (!Waited().insert(fd).second) throw Napi::Error::New(env, "waitExit: this child is already waited for");
  uv_loop_t* loop = nullptr;
  if (napi_get_uv_event_loop(env, &loop) != napi_ok) throw Napi::Error::New(env, "no event loop");
  auto* w = new Waiter(env, fd);
  Napi::Promise promise = w->deferred.Promise();
  int rc = uv_poll_init(loop, &w->poll, fd);
  if (rc != 0) {
    Owned().erase(fd);
    Waited().erase(fd);
    close(fd);
    UnguardParent();
    delete w;
    throw Napi::Error::New(env, std::string("polling the child's pidfd: ") + uv_strerror(rc));
  }
  rc = uv_poll_start(&w->poll, UV_READABLE, Readable);
  if (rc != 0) {
    uv_close(reinterpret_cast<uv_handle_t*>(&w->poll), Closed);  // closes the pidfd too
    throw Napi::Error::New(env, std::string("polling the child's pidfd: ") + uv_strerror(rc));
  }
  return promise;
}

Napi::Value SendSignal(const Napi::CallbackInfo& info) {
  int fd = PidfdArg(info);
  if (info.Length() < 2 || !info[1].IsNumber()) throw Napi::TypeError::New(info.Env(), "signal must be a number");
  int sig = info[1].As<Napi::Number>().Int32Value();
  if (Owned().count(fd) == 0) return Napi::Boolean::New(info.Env(), false);  // reaped and closed: the number may be reused
  if (syscall(SYS_pidfd_send_signal, fd, sig, nullptr, 0) == 0) return Napi::Boolean::New(info.Env(), true);
  if (errno == ESRCH) return Napi::Boolean::New(info.Env(), false);
  throw Napi::Error::New(info.Env(), std::string("pidfd_send_signal: ") + strerror(errno));
}

}  // namespace caplint

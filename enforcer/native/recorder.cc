#include "recorder.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "bpf-run.h"
#include "command-host-pid.h"

namespace caplint {
namespace {

#ifndef SECCOMP_USER_NOTIF_FLAG_CONTINUE
#define SECCOMP_USER_NOTIF_FLAG_CONTINUE (1UL << 0)
#endif

std::string Describe(const char* what, int error) { return std::string(what) + ": " + strerror(error); }

bool WriteAll(int fd, const std::string& text) {
  return write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
}

// pidfd_getfd needs ptrace access to the child, which shares caplint's memory
// (CLONE_VM) and so its dumpable flag. While a child lives caplint is made
// undumpable (parent-guard.h), which leaves that access to CAP_SYS_PTRACE
// alone. Without it, caplint is dumpable again for this one call only: the
// child is waiting in its notified execve and can do nothing meanwhile, and
// the main thread, suspended in the vfork, cannot be launching another.
// (A command with memory of its own made that memory dumpable itself: shares_memory false.)
int TakeDescriptor(int pidfd, int fd, bool shares_memory) {
  int got = static_cast<int>(syscall(SYS_pidfd_getfd, pidfd, fd, 0));
  if (got >= 0 || errno != EPERM || !shares_memory || prctl(PR_GET_DUMPABLE) != 0) return got;
  if (prctl(PR_SET_DUMPABLE, 1) != 0) return -1;
  got = static_cast<int>(syscall(SYS_pidfd_getfd, pidfd, fd, 0));
  int error = errno;
  prctl(PR_SET_DUMPABLE, 0);
  errno = error;
  return got;
}

}  // namespace

Recorder::Recorder(RecorderConfig config, Napi::Env env)
    : config_(std::move(config)), stop_(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)), deferred_(Napi::Promise::Deferred::New(env)) {
  if (!stop_.Valid()) throw Napi::Error::New(env, Describe("eventfd", errno));
  if (slot_.Get() == nullptr) throw Napi::Error::New(env, Describe("mmap of the listener slot", errno));
  if (syscall(SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, &sizes_) != 0)
    throw Napi::Error::New(env, Describe("seccomp(SECCOMP_GET_NOTIF_SIZES)", errno));
  // The kernel's structures may be larger than these headers' (newer kernel): size by both.
  req_buf_.resize((std::max<size_t>(sizes_.seccomp_notif, sizeof(seccomp_notif)) + 7) / 8);
  resp_buf_.resize((std::max<size_t>(sizes_.seccomp_notif_resp, sizeof(seccomp_notif_resp)) + 7) / 8);
  done_ = Napi::ThreadSafeFunction::New(env, Napi::Function::New(env, [](const Napi::CallbackInfo&) {}), "caplint:learn", 0, 1,
                                        this, Finished, static_cast<void*>(nullptr));
}

Recorder::~Recorder() {
  if (thread_.joinable()) thread_.join();
}

void Recorder::Start() {
  thread_ = std::thread([this] { Run(); });
}

void Recorder::LaunchOver() { slot_.Get()->launch_over.store(true, std::memory_order_release); }

void Recorder::Stop() {
  uint64_t one = 1;
  if (write(stop_.Get(), &one, sizeof one) < 0) {
  }
}

void Recorder::Run() {
  if (TakeListener()) {
    listened_ = true;
    Serve();
    listener_.Reset();  // calls still notified from here on fail with ENOSYS
  }
  done_.Release();  // Finished() runs on the main thread, joins this one and settles the promise
}

// Waits (200 µs steps) until the child has stored its listener, or the launch
// ended without one; then takes the descriptor and starts capability tracing,
// all before the child's execve is answered.
bool Recorder::TakeListener() {
  ListenerSlot& slot = *slot_.Get();
  int fd;
  for (;;) {
    fd = slot.fd.load(std::memory_order_acquire);
    if (fd >= 0) break;
    if (slot.launch_over.load(std::memory_order_acquire)) {
      fd = slot.fd.load(std::memory_order_acquire);
      if (fd >= 0) break;
      return false;  // the child failed before its filter: the launch reports why
    }
    timespec step{0, 200 * 1000};
    nanosleep(&step, nullptr);
  }
  int pid = slot.pid.load(std::memory_order_relaxed);
  int init_pid = slot.init_pid.load(std::memory_order_acquire);
  int host_pid = slot.host_pid.load(std::memory_order_acquire);
  if (host_pid > 0) {
    pid = host_pid;
  } else if (init_pid > 0) {
    int ns_pid = pid;
    pid = CommandHostPid(init_pid, ns_pid);
    if (pid <= 0) return Abandon(0, "the command (pid " + std::to_string(ns_pid) + " in its namespace) is not among the children of its init " + std::to_string(init_pid));
  }
  UniqueFd pidfd(static_cast<int>(syscall(SYS_pidfd_open, pid, 0)));
  if (!pidfd.Valid()) return Abandon(pid, Describe("pidfd_open of the child", errno));
  listener_.Reset(TakeDescriptor(pidfd.Get(), fd, !slot.own_memory.load(std::memory_order_relaxed)));
  if (!listener_.Valid()) return Abandon(pid, Describe("pidfd_getfd of the child's seccomp listener", errno));
  if (config_.trace_pid.Valid()) {
    if (!WriteAll(config_.trace_pid.Get(), std::to_string(pid) + "\n")) trace_error_ = Describe("writing set_event_pid", errno);
    else if (!WriteAll(config_.trace_enable.Get(), "1\n")) trace_error_ = Describe("enabling capability:cap_capable", errno);
    config_.trace_pid.Reset();
    config_.trace_enable.Reset();
  }
  return true;
}

// No listener: the command would wait in its notified execve forever, so it
// is killed (under a pid namespace, through its init: the kernel then kills
// the whole namespace). The launch reports the death; error_ says why.
bool Recorder::Abandon(int command_pid, const std::string& error) {
  error_ = error;
  int init_pid = slot_.Get()->init_pid.load(std::memory_order_acquire);
  int target = init_pid > 0 ? init_pid : command_pid;
  UniqueFd pidfd(target > 0 ? static_cast<int>(syscall(SYS_pidfd_open, target, 0)) : -1);
  if (pidfd.Valid()) syscall(SYS_pidfd_send_signal, pidfd.Get(), SIGKILL, nullptr, 0);
  return false;
}

void Recorder::Serve() {
  pollfd fds[2] = {{listener_.Get(), POLLIN, 0}, {stop_.Get(), POLLIN, 0}};
  for (;;) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      error_ = Describe("poll of the seccomp listener", errno);
      return;
    }
    if (fds[0].revents & POLLIN) {
      if (!HandleOne()) return;
      continue;
    }
    if (fds[0].revents & (POLLHUP | POLLERR)) return;  // every task using the filter is gone
    if (fds[1].revents & POLLIN) {
      pollfd pending{listener_.Get(), POLLIN, 0};
      while (poll(&pending, 1, 0) > 0 && (pending.revents & POLLIN) && HandleOne()) {
      }
      return;
    }
  }
}

bool Recorder::HandleOne() {
  std::fill(req_buf_.begin(), req_buf_.end(), 0);  // RECV wants a zeroed buffer
  std::fill(resp_buf_.begin(), resp_buf_.end(), 0);
  auto* req = reinterpret_cast<seccomp_notif*>(req_buf_.data());
  if (ioctl(listener_.Get(), SECCOMP_IOCTL_NOTIF_RECV, req) != 0) {
    if (errno == EINTR || errno == ENOENT) return true;  // interrupted, or the caller died meanwhile
    error_ = Describe("SECCOMP_IOCTL_NOTIF_RECV", errno);
    return false;
  }
  notifications_++;
  uint32_t verdict = RunSeccompBpf(config_.oracle, req->data);
  uint32_t action = verdict & SECCOMP_RET_ACTION_FULL;
  auto* resp = reinterpret_cast<seccomp_notif_resp*>(resp_buf_.data());
  resp->id = req->id;
  bool denied = !(action == SECCOMP_RET_ALLOW || action == SECCOMP_RET_LOG);
  if (!denied) resp->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
  else resp->error = action == SECCOMP_RET_ERRNO ? -static_cast<int32_t>(verdict & SECCOMP_RET_DATA) : -ENOSYS;
  Count(*req, denied);
  if (ioctl(listener_.Get(), SECCOMP_IOCTL_NOTIF_SEND, resp) != 0 && errno != ENOENT && errno != EINTR) {
    error_ = Describe("SECCOMP_IOCTL_NOTIF_SEND", errno);
    return false;
  }
  return true;
}

void Recorder::Count(const seccomp_notif& req, bool denied) {
  uint64_t key = CallKey(req.data.arch, req.data.nr);
  auto wanted = config_.capture.find(key);
  uint8_t mask = wanted == config_.capture.end() ? 0 : wanted->second;
  std::vector<size_t>& seen = by_call_[key];
  size_t values = 0;
  CallRecord* overflow = nullptr;
  for (size_t i : seen) {
    CallRecord& r = records_[i];
    if (r.denied != denied) continue;
    if (r.overflow) {
      overflow = &r;
      continue;
    }
    values++;
    bool same = true;
    for (int a = 0; a < 6 && same; a++)
      if ((mask >> a) & 1) same = r.args[a] == req.data.args[a];
    if (same) {
      r.count++;
      return;
    }
  }
  if (overflow) {
    overflow->count++;
    return;
  }
  CallRecord r;
  r.arch = req.data.arch, r.nr = req.data.nr, r.denied = denied, r.count = 1;
  if (values >= kMaxValuesPerCall) {
    r.overflow = true;  // too many distinct values: the rest are counted here, without values
  } else {
    r.captured = mask;
    for (int a = 0; a < 6; a++)
      if ((mask >> a) & 1) r.args[a] = req.data.args[a];
  }
  seen.push_back(records_.size());
  records_.push_back(r);
}

void Recorder::Finished(Napi::Env env, void*, Recorder* self) {
  if (self->thread_.joinable()) self->thread_.join();
  Napi::HandleScope scope(env);
  Napi::Object out = Napi::Object::New(env);
  Napi::Array calls = Napi::Array::New(env, self->records_.size());
  for (size_t i = 0; i < self->records_.size(); i++) {
    const CallRecord& r = self->records_[i];
    Napi::Object o = Napi::Object::New(env);
    o.Set("arch", Napi::Number::New(env, r.arch));
    o.Set("nr", Napi::Number::New(env, r.nr));
    o.Set("denied", Napi::Boolean::New(env, r.denied));
    o.Set("overflow", Napi::Boolean::New(env, r.overflow));
    Napi::Array args = Napi::Array::New(env, 6);
    for (uint32_t a = 0; a < 6; a++)
      args.Set(a, ((r.captured >> a) & 1) ? Napi::Value(Napi::BigInt::New(env, r.args[a])) : env.Null());
    o.Set("args", args);
    o.Set("count", Napi::Number::New(env, static_cast<double>(r.count)));
    calls.Set(i, o);
  }
  out.Set("calls", calls);
  out.Set("notifications", Napi::Number::New(env, static_cast<double>(self->notifications_)));
  out.Set("listened", Napi::Boolean::New(env, self->listened_));
  out.Set("error", self->error_.empty() ? env.Null() : Napi::Value(Napi::String::New(env, self->error_)));
  out.Set("traceError", self->trace_error_.empty() ? env.Null() : Napi::Value(Napi::String::New(env, self->trace_error_)));
  self->deferred_.Resolve(out);
  ForgetRecorder(self);  // deletes it
}

}  // namespace caplint

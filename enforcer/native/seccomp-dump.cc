// PTRACE_SEIZE + PTRACE_INTERRUPT stops the tracee without a signal it could
// see; each filter is read with PTRACE_SECCOMP_GET_FILTER into a buffer of
// BPF_MAXINSNS instructions (the kernel's limit per filter: another thread
// of the target adding a filter between two calls cannot overflow it), then
// the tracee is detached.
//
// All of it runs on a thread of its own, with a deadline. A tracee that does
// not stop in time (one blocked in vfork never does) cannot be detached with
// PTRACE_DETACH, which needs a stopped tracee; but a tracer thread that exits
// detaches every tracee it has and clears the pending interrupt, so the
// thread gives up and exits, and the target runs on, never left stopped.
#include "seccomp-dump.h"

#include <errno.h>
#include <linux/filter.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <time.h>

#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace caplint {
namespace {

#ifndef PTRACE_SECCOMP_GET_FILTER
#define PTRACE_SECCOMP_GET_FILTER 0x420c
#endif

constexpr unsigned long kMaxFilters = 32768 / 5;  // MAX_INSNS_PER_PATH over the smallest filter plus its 4-insn charge

struct Dump {
  std::vector<std::vector<sock_filter>> filters;
  bool timed_out = false;
  const char* failed_call = nullptr;  // set with error when a call failed
  int error = 0;
};

long Millis() {
  timespec t{};
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

// Waits for the tracee's stop; false when the deadline passed (or with
// d.failed_call set when waitpid failed).
bool WaitForStop(pid_t pid, long deadline, Dump& d) {
  // A running tracee stops within microseconds of PTRACE_INTERRUPT; a sleeping one as soon as it is
  // woken. Polls start 10 us apart and back off to 1 ms, so a scan of thousands does not wait 1 ms on each.
  long pause_ns = 10000;
  for (;;) {
    int status = 0;
    pid_t got = waitpid(pid, &status, __WALL | WNOHANG);
    if (got == pid && (WIFEXITED(status) || WIFSIGNALED(status))) {
      d.failed_call = "waitpid", d.error = ESRCH;
      return false;
    }
    if (got == pid && WIFSTOPPED(status)) return true;
    if (got < 0 && errno != EINTR) {
      d.failed_call = "waitpid", d.error = errno;
      return false;
    }
    if (Millis() >= deadline) {
      d.timed_out = true;
      return false;
    }
    timespec pause{0, pause_ns};
    nanosleep(&pause, nullptr);
    pause_ns = pause_ns * 2 > 1000000 ? 1000000 : pause_ns * 2;
  }
}

void ReadFilters(pid_t pid, Dump& d) {
  std::vector<sock_filter> buffer(BPF_MAXINSNS);
  for (unsigned long index = 0; index < kMaxFilters; index++) {
    long count = ptrace(static_cast<enum __ptrace_request>(PTRACE_SECCOMP_GET_FILTER), pid, index, buffer.data());
    if (count < 0 && errno == ENOENT) return;  // past the last filter
    if (count < 0 || count > BPF_MAXINSNS) {
      d.failed_call = "PTRACE_SECCOMP_GET_FILTER", d.error = count < 0 ? errno : E2BIG;
      return;
    }
    d.filters.emplace_back(buffer.begin(), buffer.begin() + count);
  }
}

// The tracer thread's body: it must be this thread that seizes, reads and detaches.
void DumpOnThisThread(pid_t pid, long timeout_ms, Dump& d) {
  long deadline = Millis() + timeout_ms;
  if (ptrace(PTRACE_SEIZE, pid, nullptr, nullptr) != 0) {
    d.failed_call = "PTRACE_SEIZE", d.error = errno;
    return;
  }
  if (ptrace(PTRACE_INTERRUPT, pid, nullptr, nullptr) != 0) {
    d.failed_call = "PTRACE_INTERRUPT", d.error = errno;
    return;  // the thread's exit detaches
  }
  if (!WaitForStop(pid, deadline, d)) return;  // likewise
  ReadFilters(pid, d);
  ptrace(PTRACE_DETACH, pid, nullptr, nullptr);
}

}  // namespace

Napi::Value DumpSeccompFilters(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 2 || !info[0].IsNumber() || !info[1].IsNumber())
    throw Napi::TypeError::New(env, "dumpSeccompFilters(pid, timeoutMs): both must be numbers");
  int pid = info[0].As<Napi::Number>().Int32Value();
  if (pid <= 0) throw Napi::RangeError::New(env, "pid must be positive");
  double timeout = info[1].As<Napi::Number>().DoubleValue();
  if (!(timeout >= 1 && timeout <= 60000)) throw Napi::RangeError::New(env, "timeoutMs must be between 1 and 60000");
  Dump d;
  std::thread tracer(DumpOnThisThread, static_cast<pid_t>(pid), static_cast<long>(timeout), std::ref(d));
  tracer.join();  // bounded by the deadline; its exit detaches whatever it still traces
  if (d.failed_call != nullptr) {
    Napi::Error e = Napi::Error::New(env, std::string(d.failed_call) + ": " + strerror(d.error));
    e.Set("errno", Napi::Number::New(env, d.error));
    throw e;
  }
  Napi::Object out = Napi::Object::New(env);
  out.Set("timedOut", Napi::Boolean::New(env, d.timed_out));
  Napi::Array filters = Napi::Array::New(env, d.filters.size());
  for (size_t i = 0; i < d.filters.size(); i++)
    filters.Set(i, Napi::Buffer<uint8_t>::Copy(env, reinterpret_cast<const uint8_t*>(d.filters[i].data()),
                                               d.filters[i].size() * sizeof(sock_filter)));
  out.Set("filters", filters);
  return out;
}

}  // namespace caplint

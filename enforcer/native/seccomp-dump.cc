// PTRACE_SEIZE + PTRACE_INTERRUPT stops the tracee without a signal it could
// see; each filter is read with PTRACE_SECCOMP_GET_FILTER (first with a null
// buffer for its length), then the tracee is detached at once, also on error.
#include "seccomp-dump.h"

#include <errno.h>
#include <linux/filter.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

#include <cstring>
#include <string>
#include <vector>

namespace caplint {
namespace {

#ifndef PTRACE_SECCOMP_GET_FILTER
#define PTRACE_SECCOMP_GET_FILTER 0x420c
#endif

[[noreturn]] void Throw(Napi::Env env, const char* what, int error) {
  Napi::Error e = Napi::Error::New(env, std::string(what) + ": " + strerror(error));
  e.Set("errno", Napi::Number::New(env, error));
  throw e;
}

class Attached {
 public:
  Attached(Napi::Env env, pid_t pid) : pid_(pid) {
    if (ptrace(PTRACE_SEIZE, pid, nullptr, nullptr) != 0) Throw(env, "PTRACE_SEIZE", errno);
    if (ptrace(PTRACE_INTERRUPT, pid, nullptr, nullptr) != 0) {
      int e = errno;
      ptrace(PTRACE_DETACH, pid, nullptr, nullptr);
      Throw(env, "PTRACE_INTERRUPT", e);
    }
    int status = 0;
    while (waitpid(pid, &status, __WALL) < 0 && errno == EINTR) {
    }
  }
  ~Attached() { ptrace(PTRACE_DETACH, pid_, nullptr, nullptr); }
  Attached(const Attached&) = delete;
  Attached& operator=(const Attached&) = delete;

 private:
  pid_t pid_;
};

}  // namespace

Napi::Value DumpSeccompFilters(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsNumber()) throw Napi::TypeError::New(env, "pid must be a number");
  int pid = info[0].As<Napi::Number>().Int32Value();
  if (pid <= 0) throw Napi::RangeError::New(env, "pid must be positive");
  std::vector<std::vector<sock_filter>> filters;
  {
    Attached attached(env, pid);
    for (unsigned long index = 0;; index++) {
      long count = ptrace(static_cast<enum __ptrace_request>(PTRACE_SECCOMP_GET_FILTER), pid, index, nullptr);
      if (count < 0 && errno == ENOENT) break;  // past the last filter
      if (count < 0) Throw(env, "PTRACE_SECCOMP_GET_FILTER", errno);
      std::vector<sock_filter> program(static_cast<size_t>(count));
      if (ptrace(static_cast<enum __ptrace_request>(PTRACE_SECCOMP_GET_FILTER), pid, index, program.data()) < 0)
        Throw(env, "PTRACE_SECCOMP_GET_FILTER", errno);
      filters.push_back(std::move(program));
    }
  }
  Napi::Array out = Napi::Array::New(env, filters.size());
  for (size_t i = 0; i < filters.size(); i++)
    out.Set(i, Napi::Buffer<uint8_t>::Copy(env, reinterpret_cast<const uint8_t*>(filters[i].data()),
                                           filters[i].size() * sizeof(sock_filter)));
  return out;
}

}  // namespace caplint

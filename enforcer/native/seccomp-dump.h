// Reading a live process's seccomp filters (for `audit --pid` and `ps`).
#pragma once
#include <napi.h>

namespace caplint {

// dumpSeccompFilters(pid, timeoutMs) → {filters: Buffer[]} or {timedOut: true}:
// one Buffer of struct sock_filter[] per filter, index 0 = the most recently
// installed. Needs CAP_SYS_ADMIN and ptrace access. A target that does not
// stop within timeoutMs is left running and detached (timedOut).
Napi::Value DumpSeccompFilters(const Napi::CallbackInfo& info);

}  // namespace caplint

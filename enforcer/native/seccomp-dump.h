// Reading a live process's seccomp filters (for `audit --pid`).
#pragma once
#include <napi.h>

namespace caplint {

// dumpSeccompFilters(pid): one Buffer of struct sock_filter[] per filter,
// index 0 = the most recently installed. Needs CAP_SYS_ADMIN and ptrace access.
Napi::Value DumpSeccompFilters(const Napi::CallbackInfo& info);

}  // namespace caplint

// confineSelf(plan): the calling process confines itself (the rule host).
#pragma once
#include <napi.h>

namespace caplint {

// Applies, in order: user+net namespaces where the kernel allows them,
// rlimits, PR_SET_DUMPABLE 0, bounding-set drop, setgroups/setresgid/setresuid
// (glibc applies these to every thread), capset and ambient cleared,
// PR_SET_NO_NEW_PRIVS, then the seccomp filter with SECCOMP_FILTER_FLAG_TSYNC.
// Throws (with .step and .errno) when a required step fails: the caller must
// then exit without running anything.
Napi::Value ConfineSelf(const Napi::CallbackInfo& info);

}  // namespace caplint

// The launch plan as the child applies it. TypeScript decides every value;
// ReadPlan only re-checks types and copies them into memory the child can use
// without allocating (argv/envp arrays, the filter) before the clone.
#pragma once
#include <linux/filter.h>
#include <napi.h>

#include <cstdint>
#include <string>
#include <vector>

#include "isolation-plan.h"

namespace caplint {

// Child steps, in the order they run. The numbers cross to TypeScript
// (enforcer/native-binding.ts, ChildStep): keep them in sync.
enum Step : int32_t {
  kStepSignals = 1,
  kStepDescriptors = 2,
  kStepStdio = 3,
  kStepBoundingDrop = 4,
  kStepKeepCaps = 5,
  kStepSetGroups = 6,
  kStepSetGid = 7,
  kStepSetUid = 8,
  kStepCapset = 9,
  kStepAmbientClear = 10,
  kStepAmbientRaise = 11,
  kStepParentDeath = 12,
  kStepChdir = 13,
  kStepNoNewPrivs = 14,
  kStepSeccomp = 15,
  kStepExec = 16,
};

// What a failed step writes to the CLOEXEC pipe; EOF instead means exec succeeded.
struct StepFailure {
  int32_t step;
  int32_t error;
  int32_t detail;  // the capability bit for per-capability steps, else -1
};

// argv/envp point into argv_storage/env_storage: a copy would point into the
// original, so a plan is neither copied nor moved; ReadPlan fills one in place.
struct ChildPlan {
  ChildPlan() = default;
  ChildPlan(const ChildPlan&) = delete;
  ChildPlan& operator=(const ChildPlan&) = delete;
  ChildPlan(ChildPlan&&) = delete;
  ChildPlan& operator=(ChildPlan&&) = delete;

  // Storage (owned).
  std::string file;
  std::vector<std::string> argv_storage;
  std::vector<std::string> env_storage;
  std::string cwd;
  std::vector<sock_filter> filter;
  // What the child reads.
  std::vector<char*> argv;  // null-terminated
  std::vector<char*> envp;  // null-terminated
  bool has_cwd = false;
  int last_cap = 40;
  bool drop_bounding = false;
  uint64_t bounding = 0;  // bits kept
  bool set_capabilities = false;
  uint64_t permitted = 0, effective = 0, inheritable = 0, ambient = 0;
  bool change_ids = false;
  uint32_t uid = 0, gid = 0;
  bool no_new_privs = false;
  bool has_filter = false;
  uint32_t seccomp_flags = 0;
  IsolationPlan isolation;  // namespaces and cgroups (isolation-plan.h)
};

// Fills `out` (a fresh plan). Throws Napi::TypeError/RangeError naming the field that is wrong.
void ReadPlan(const Napi::Object& plan, ChildPlan& out);

}  // namespace caplint

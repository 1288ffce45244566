// Re-checks the isolation part of the plan (TypeScript validated it already).
#include "isolation-plan.h"

#include <sched.h>

namespace caplint {
namespace {

[[noreturn]] void Fail(const Napi::Env& env, const std::string& name, const char* want) {
  throw Napi::TypeError::New(env, "launch plan: isolation." + name + " must be " + want);
}

std::string Text(const Napi::Object& o, const char* name, bool nullable, bool* present = nullptr) {
  Napi::Value v = o.Get(name);
  if (nullable && (v.IsNull() || v.IsUndefined())) {
    if (present) *present = false;
    return {};
  }
  if (!v.IsString()) Fail(o.Env(), name, nullable ? "a string or null" : "a string");
  std::string s = v.As<Napi::String>().Utf8Value();
  if (s.find('\0') != std::string::npos) Fail(o.Env(), name, "a string without NUL bytes");
  if (present) *present = true;
  return s;
}

bool Flag(const Napi::Object& o, const char* name) {
  Napi::Value v = o.Get(name);
  if (!v.IsBoolean()) Fail(o.Env(), name, "a boolean");
  return v.As<Napi::Boolean>().Value();
}

std::vector<std::string> Paths(const Napi::Object& o, const char* name) {
  Napi::Value v = o.Get(name);
  if (!v.IsArray()) Fail(o.Env(), name, "an array of absolute paths");
  Napi::Array a = v.As<Napi::Array>();
  std::vector<std::string> out;
  for (uint32_t i = 0; i < a.Length(); i++) {
    Napi::Value item = a.Get(i);
    if (!item.IsString()) Fail(o.Env(), name, "an array of absolute paths");
    std::string s = item.As<Napi::String>().Utf8Value();
    if (s.empty() || s[0] != '/' || s.find('\0') != std::string::npos) Fail(o.Env(), name, "an array of absolute paths");
    out.push_back(s);
  }
  return out;
}

constexpr uint64_t kAtClone = CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS;

}  // namespace

IsolationPlan ReadIsolationPlan(const Napi::Object& plan) {
  IsolationPlan p;
  Napi::Value v = plan.Get("isolation");
  if (v.IsNull() || v.IsUndefined()) return p;
  if (!v.IsObject()) throw Napi::TypeError::New(plan.Env(), "launch plan: isolation must be an object or null");
  Napi::Object o = v.As<Napi::Object>();
  Napi::Value flags = o.Get("cloneFlags");
  if (!flags.IsNumber()) Fail(o.Env(), "cloneFlags", "a number");
  double d = flags.As<Napi::Number>().DoubleValue();
  uint64_t bits = static_cast<uint64_t>(d);
  if (!(d >= 0) || static_cast<double>(bits) != d || (bits & ~(kAtClone | CLONE_NEWCGROUP)) != 0)
    Fail(o.Env(), "cloneFlags", "CLONE_NEW* bits");
  p.clone_flags = bits & kAtClone;
  p.new_cgroup_ns = (bits & CLONE_NEWCGROUP) != 0;
  bool has_uid = false, has_gid = false;
  p.uid_map = Text(o, "uidMap", true, &has_uid);
  p.gid_map = Text(o, "gidMap", true, &has_gid);
  if (has_uid != has_gid) Fail(o.Env(), "uidMap and gidMap", "both set or both null");
  p.has_maps = has_uid;
  if (p.has_maps && !(p.clone_flags & CLONE_NEWUSER)) Fail(o.Env(), "uidMap", "null without a user namespace");
  p.deny_setgroups = Flag(o, "denySetgroups");
  p.mount_proc = Flag(o, "mountProc");
  p.init = Flag(o, "init");
  p.read_only_root = Flag(o, "readOnlyRoot");
  for (auto& path : Paths(o, "maskedFiles")) p.masked.push_back({path, false});
  for (auto& path : Paths(o, "maskedDirs")) p.masked.push_back({path, true});
  p.readonly_paths = Paths(o, "readonlyPaths");
  bool mounts = p.mount_proc || p.read_only_root || !p.masked.empty() || !p.readonly_paths.empty();
  if (mounts && !(p.clone_flags & CLONE_NEWNS)) Fail(o.Env(), "cloneFlags", "include CLONE_NEWNS when mounts are planned");
  p.hostname = Text(o, "hostname", true, &p.has_hostname);
  if (p.has_hostname && (p.hostname.empty() || p.hostname.size() > 64)) Fail(o.Env(), "hostname", "1 to 64 bytes");
  if (p.has_hostname && !(p.clone_flags & CLONE_NEWUTS)) Fail(o.Env(), "hostname", "null without a uts namespace");
  p.cgroup_procs = Paths(o, "cgroupProcs");
  p.cgroup_dir = Text(o, "cgroupDir", true, &p.has_cgroup_dir);
  if (p.has_cgroup_dir && (p.cgroup_dir.empty() || p.cgroup_dir[0] != '/')) Fail(o.Env(), "cgroupDir", "an absolute path or null");
  p.active = true;
  return p;
}

}  // namespace caplint

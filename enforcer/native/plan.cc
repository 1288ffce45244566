// Re-checks the plan's types (TypeScript validated it already) and copies it.
#include "plan.h"

#include <cstring>

namespace caplint {
namespace {

Napi::Value Field(const Napi::Object& o, const char* name) { return o.Get(name); }

[[noreturn]] void Fail(const Napi::Env& env, const char* name, const char* want) {
  throw Napi::TypeError::New(env, std::string("launch plan: ") + name + " must be " + want);
}

std::string String(const Napi::Object& o, const char* name) {
  Napi::Value v = Field(o, name);
  if (!v.IsString()) Fail(o.Env(), name, "a string");
  std::string s = v.As<Napi::String>().Utf8Value();
  if (s.find('\0') != std::string::npos) Fail(o.Env(), name, "a string without NUL bytes");
  return s;
}

bool Bool(const Napi::Object& o, const char* name) {
  Napi::Value v = Field(o, name);
  if (!v.IsBoolean()) Fail(o.Env(), name, "a boolean");
  return v.As<Napi::Boolean>().Value();
}

uint64_t Mask(const Napi::Object& o, const char* name) {
  Napi::Value v = Field(o, name);
  if (!v.IsBigInt()) Fail(o.Env(), name, "a bigint capability mask");
  bool lossless = false;
  uint64_t mask = v.As<Napi::BigInt>().Uint64Value(&lossless);
  if (!lossless) Fail(o.Env(), name, "a bigint between 0 and 2^64-1");
  return mask;
}

uint32_t Uint(const Napi::Object& o, const char* name, uint32_t max) {
  Napi::Value v = Field(o, name);
  if (!v.IsNumber()) Fail(o.Env(), name, "a number");
  double d = v.As<Napi::Number>().DoubleValue();
  if (!(d >= 0 && d <= max) || d != static_cast<double>(static_cast<uint32_t>(d))) Fail(o.Env(), name, "an integer in range");
  return static_cast<uint32_t>(d);
}

std::vector<std::string> Strings(const Napi::Object& o, const char* name) {
  Napi::Value v = Field(o, name);
  if (!v.IsArray()) Fail(o.Env(), name, "an array of strings");
  Napi::Array a = v.As<Napi::Array>();
  std::vector<std::string> out;
  for (uint32_t i = 0; i < a.Length(); i++) {
    Napi::Value item = a.Get(i);
    if (!item.IsString()) Fail(o.Env(), name, "an array of strings");
    out.push_back(item.As<Napi::String>().Utf8Value());
    if (out.back().find('\0') != std::string::npos) Fail(o.Env(), name, "strings without NUL bytes");
  }
  return out;
}

std::vector<char*> Pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

}  // namespace

void ReadPlan(const Napi::Object& o, ChildPlan& p) {
  p.file = String(o, "file");
  p.argv_storage = Strings(o, "argv");
  if (p.argv_storage.empty()) Fail(o.Env(), "argv", "a non-empty array");
  p.env_storage = Strings(o, "env");
  Napi::Value cwd = Field(o, "cwd");
  if (!cwd.IsNull()) p.cwd = String(o, "cwd"), p.has_cwd = true;
  p.last_cap = static_cast<int>(Uint(o, "lastCap", 63));
  p.drop_bounding = Bool(o, "dropBounding");
  p.bounding = Mask(o, "bounding");
  p.set_capabilities = Bool(o, "setCapabilities");
  p.permitted = Mask(o, "permitted");
  p.effective = Mask(o, "effective");
  p.inheritable = Mask(o, "inheritable");
  p.ambient = Mask(o, "ambient");
  Napi::Value uid = Field(o, "uid"), gid = Field(o, "gid");
  if (uid.IsNull() != gid.IsNull()) Fail(o.Env(), "uid and gid", "both set or both null");
  if (!uid.IsNull()) p.change_ids = true, p.uid = Uint(o, "uid", 0xfffffffe), p.gid = Uint(o, "gid", 0xfffffffe);
  p.no_new_privs = Bool(o, "noNewPrivs");
  Napi::Value seccomp = Field(o, "seccomp");
  if (!seccomp.IsNull()) {
    if (!seccomp.IsTypedArray() || seccomp.As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array)
      Fail(o.Env(), "seccomp", "a Uint8Array of struct sock_filter or null");
    Napi::Uint8Array bytes = seccomp.As<Napi::Uint8Array>();
    size_t n = bytes.ByteLength();
    if (n == 0 || n % sizeof(sock_filter) != 0 || n / sizeof(sock_filter) > BPF_MAXINSNS)
      Fail(o.Env(), "seccomp", "1 to 4096 instructions of 8 bytes");
    p.filter.resize(n / sizeof(sock_filter));
    std::memcpy(p.filter.data(), bytes.Data(), n);
    p.has_filter = true;
  }
  p.seccomp_flags = Uint(o, "seccompFlags", 0x7);  // TSYNC | LOG | SPEC_ALLOW; NEW_LISTENER would return a descriptor nobody reads
  if (!p.has_filter && p.seccomp_flags != 0) Fail(o.Env(), "seccompFlags", "0 when there is no filter");
  p.isolation = ReadIsolationPlan(o);
  p.argv = Pointers(p.argv_storage);
  p.envp = Pointers(p.env_storage);
}

}  // namespace caplint

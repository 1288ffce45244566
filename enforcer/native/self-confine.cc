// The rule host's self-confinement. Unlike child.cc, this runs in a live,
// multithreaded Node process (V8 and libuv threads already exist), so:
//  - seccomp uses SECCOMP_FILTER_FLAG_TSYNC, which installs the filter (and
//    no_new_privs) on every thread, or fails naming the thread that could not
//    be synchronised;
//  - uid/gid changes go through glibc, which applies them to every thread;
//    leaving uid 0 clears the permitted, effective and ambient sets of each;
//  - the bounding and inheritable sets are per thread: they are cleared on the
//    calling thread, the one that runs rule code;
//  - unshare(CLONE_NEWUSER) is refused (EINVAL) in a multithreaded process;
//    the attempt and its errno are reported, and CLONE_NEWNET alone is tried.
#include "self-confine.h"

#include <errno.h>
#include <grp.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstring>
#include <string>
#include <vector>

namespace caplint {
namespace {

struct SelfPlan {
  uint32_t last_cap = 40;
  bool change_user = false;
  uint32_t uid = 65534;
  uint32_t gid = 65534;
  uint64_t address_space = 0;  // bytes; 0 = leave as is
  uint64_t cpu_seconds = 0;    // 0 = leave as is
  std::vector<uint8_t> filter;
};

[[noreturn]] void Refuse(const Napi::Env& env, const std::string& step, int error) {
  Napi::Error e = Napi::Error::New(env, "confinement step " + step + " failed: " + std::strerror(error));
  e.Set("step", Napi::String::New(env, step));
  e.Set("errno", Napi::Number::New(env, error));
  throw e;
}

uint64_t Count(const Napi::Object& o, const char* name, uint64_t max) {
  Napi::Value v = o.Get(name);
  if (!v.IsNumber()) throw Napi::TypeError::New(o.Env(), std::string("confineSelf: ") + name + " must be a number");
  double d = v.As<Napi::Number>().DoubleValue();
  if (!(d >= 0) || d > static_cast<double>(max) || d != static_cast<double>(static_cast<uint64_t>(d)))
    throw Napi::RangeError::New(o.Env(), std::string("confineSelf: ") + name + " is out of range");
  return static_cast<uint64_t>(d);
}

SelfPlan ReadSelfPlan(const Napi::Object& o) {
  SelfPlan p;
  p.last_cap = static_cast<uint32_t>(Count(o, "lastCap", 63));
  Napi::Value user = o.Get("user");
  if (user.IsObject()) {
    p.change_user = true;
    p.uid = static_cast<uint32_t>(Count(user.As<Napi::Object>(), "uid", 0xfffffffe));
    p.gid = static_cast<uint32_t>(Count(user.As<Napi::Object>(), "gid", 0xfffffffe));
  } else if (!user.IsNull()) {
    throw Napi::TypeError::New(o.Env(), "confineSelf: user must be {uid, gid} or null");
  }
  p.address_space = Count(o, "addressSpace", 1ull << 52);
  p.cpu_seconds = Count(o, "cpuSeconds", 1ull << 32);
  Napi::Value seccomp = o.Get("seccomp");
  if (!seccomp.IsTypedArray() || seccomp.As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array)
    throw Napi::TypeError::New(o.Env(), "confineSelf: seccomp must be a Uint8Array of struct sock_filter");
  Napi::Uint8Array bytes = seccomp.As<Napi::Uint8Array>();
  if (bytes.ByteLength() == 0 || bytes.ByteLength() % sizeof(sock_filter) != 0 || bytes.ByteLength() / sizeof(sock_filter) > BPF_MAXINSNS)
    throw Napi::RangeError::New(o.Env(), "confineSelf: the seccomp program must be 1 to 4096 whole instructions");
  p.filter.assign(bytes.Data(), bytes.Data() + bytes.ByteLength());
  return p;
}

void Limit(const Napi::Env& env, int resource, uint64_t value, const char* step) {
  if (value == 0) return;
  rlimit limit{static_cast<rlim_t>(value), static_cast<rlim_t>(value)};
  if (setrlimit(resource, &limit) != 0) Refuse(env, step, errno);
}

}  // namespace

Napi::Value ConfineSelf(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsObject()) throw Napi::TypeError::New(env, "confineSelf(plan): plan must be an object");
  SelfPlan p = ReadSelfPlan(info[0].As<Napi::Object>());
  Napi::Object result = Napi::Object::New(env);

  // Namespaces: best effort, each attempt reported with its errno (0 = done).
  int user_ns = unshare(CLONE_NEWUSER) == 0 ? 0 : errno;
  int net_ns = unshare(CLONE_NEWNET) == 0 ? 0 : errno;
  result.Set("userNamespaceErrno", Napi::Number::New(env, user_ns));
  result.Set("netNamespaceErrno", Napi::Number::New(env, net_ns));

  Limit(env, RLIMIT_AS, p.address_space, "rlimit-as");
  Limit(env, RLIMIT_CPU, p.cpu_seconds, "rlimit-cpu");
  rlimit zero{0, 0};
  if (setrlimit(RLIMIT_CORE, &zero) != 0) Refuse(env, "rlimit-core", errno);
  if (setrlimit(RLIMIT_FSIZE, &zero) != 0) Refuse(env, "rlimit-fsize", errno);
  if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) Refuse(env, "dumpable", errno);

  // The bounding set needs CAP_SETPCAP; without it (not root) it is left, and
  // execve, the only call it affects, is refused by the filter below.
  bool bounding = true;
  for (uint32_t cap = 0; cap <= p.last_cap; cap++) {
    if (prctl(PR_CAPBSET_READ, cap, 0, 0, 0) != 1) continue;
    if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0) {
      if (errno != EPERM) Refuse(env, "bounding-drop", errno);
      bounding = false;
      break;
    }
  }
  result.Set("boundingCleared", Napi::Boolean::New(env, bounding));
  if (p.change_user) {
    if (setgroups(0, nullptr) != 0) Refuse(env, "setgroups", errno);
    if (setresgid(p.gid, p.gid, p.gid) != 0) Refuse(env, "setresgid", errno);
    if (setresuid(p.uid, p.uid, p.uid) != 0) Refuse(env, "setresuid", errno);
  }
  __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
  __user_cap_data_struct data[2] = {};
  if (syscall(SYS_capset, &header, data) != 0) Refuse(env, "capset", errno);
  if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0 && errno != EINVAL) Refuse(env, "ambient-clear", errno);
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) Refuse(env, "no-new-privs", errno);

  sock_fprog prog{static_cast<unsigned short>(p.filter.size() / sizeof(sock_filter)), reinterpret_cast<sock_filter*>(p.filter.data())};
  long rc = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, &prog);
  if (rc < 0) Refuse(env, "seccomp", errno);
  if (rc > 0) Refuse(env, "seccomp-tsync (thread " + std::to_string(rc) + ")", EAGAIN);
  return result;
}

}  // namespace caplint

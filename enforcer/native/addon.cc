// The whole native surface (declared for TypeScript in enforcer/native-binding.ts):
//   launch(plan) → {started, pid, pidfd, step, errno, detail}
//   waitExit(pidfd) → Promise<{code, signal, beforeExec}>
//   signal(pidfd, sig) → boolean
//   dumpSeccompFilters(pid) → Buffer[]
//   confineSelf(plan) → {userNamespaceErrno, netNamespaceErrno, boundingCleared}
#include <napi.h>

#include <system_error>

#include "plan.h"
#include "seccomp-dump.h"
#include "self-confine.h"
#include "spawn.h"
#include "wait.h"

namespace caplint {
namespace {

Napi::Value LaunchJs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsObject()) throw Napi::TypeError::New(env, "launch(plan): plan must be an object");
  ChildPlan plan;
  ReadPlan(info[0].As<Napi::Object>(), plan);
  LaunchOutcome outcome;
  try {
    outcome = Launch(plan);
  } catch (const std::system_error& e) {
    Napi::Error error = Napi::Error::New(env, e.what());
    error.Set("errno", Napi::Number::New(env, e.code().value()));
    throw error;
  }
  if (outcome.started) AdoptPidfd(outcome.pidfd);
  Napi::Object result = Napi::Object::New(env);
  result.Set("started", Napi::Boolean::New(env, outcome.started));
  result.Set("pid", Napi::Number::New(env, outcome.pid));
  result.Set("pidfd", Napi::Number::New(env, outcome.pidfd));
  result.Set("step", Napi::Number::New(env, outcome.failure.step));
  result.Set("errno", Napi::Number::New(env, outcome.failure.error));
  result.Set("detail", Napi::Number::New(env, outcome.failure.detail));
  result.Set("holdFd", Napi::Number::New(env, outcome.hold_fd));
  result.Set("nsPid", Napi::Number::New(env, outcome.ns_pid));
  return result;
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("launch", Napi::Function::New(env, LaunchJs, "launch"));
  exports.Set("waitExit", Napi::Function::New(env, WaitExit, "waitExit"));
  exports.Set("signal", Napi::Function::New(env, SendSignal, "signal"));
  exports.Set("dumpSeccompFilters", Napi::Function::New(env, DumpSeccompFilters, "dumpSeccompFilters"));
  exports.Set("confineSelf", Napi::Function::New(env, ConfineSelf, "confineSelf"));
  return exports;
}

}  // namespace
}  // namespace caplint

static Napi::Object InitModule(Napi::Env env, Napi::Object exports) { return caplint::Init(env, exports); }

NODE_API_MODULE(caplint_enforcer, InitModule)

// The whole native surface (declared for TypeScript in enforcer/native-binding.ts):
//   launch(plan) → {started, pid, pidfd, step, errno, detail}
//   waitExit(pidfd) → Promise<{code, signal, beforeExec}>
//   signal(pidfd, sig) → boolean
//   dumpSeccompFilters(pid) → Buffer[]
//   learn(plan, options) → launch result + {recorder, recording}   (learn.cc)
//   stopRecording(id) → boolean
//   confineSelf(plan) → {userNamespaceErrno, netNamespaceErrno, boundingCleared}
//   readProcFiles(procRoot, pids, files, links, statusKeys) → {pids, chunk, take(c)}   (proc-scan.cc)
//   sha256(data) → hex digest   (sha256.cc)
#include <napi.h>

#include <system_error>

#include "launch-result.h"
#include "learn.h"
#include "plan.h"
#include "proc-scan.h"
#include "seccomp-dump.h"
#include "self-confine.h"
#include "sha256.h"
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
  return LaunchResultObject(env, outcome);
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("launch", Napi::Function::New(env, LaunchJs, "launch"));
  exports.Set("waitExit", Napi::Function::New(env, WaitExit, "waitExit"));
  exports.Set("signal", Napi::Function::New(env, SendSignal, "signal"));
  exports.Set("dumpSeccompFilters", Napi::Function::New(env, DumpSeccompFilters, "dumpSeccompFilters"));
  exports.Set("learn", Napi::Function::New(env, LearnJs, "learn"));
  exports.Set("stopRecording", Napi::Function::New(env, StopRecordingJs, "stopRecording"));
  exports.Set("confineSelf", Napi::Function::New(env, ConfineSelf, "confineSelf"));
  exports.Set("readProcFiles", Napi::Function::New(env, ReadProcFiles, "readProcFiles"));
  exports.Set("sha256", Napi::Function::New(env, Sha256Js, "sha256"));
  return exports;
}

}  // namespace
}  // namespace caplint

static Napi::Object InitModule(Napi::Env env, Napi::Object exports) { return caplint::Init(env, exports); }

NODE_API_MODULE(caplint_enforcer, InitModule)

// The launch result as JavaScript sees it ({started, pid, pidfd, step, errno, detail, holdFd, nsPid, intoCgroup}).
#pragma once
#include <napi.h>

#include "spawn.h"

namespace caplint {

inline Napi::Object LaunchResultObject(Napi::Env env, const LaunchOutcome& outcome) {
  Napi::Object result = Napi::Object::New(env);
  result.Set("started", Napi::Boolean::New(env, outcome.started));
  result.Set("pid", Napi::Number::New(env, outcome.pid));
  result.Set("pidfd", Napi::Number::New(env, outcome.pidfd));
  result.Set("step", Napi::Number::New(env, outcome.failure.step));
  result.Set("errno", Napi::Number::New(env, outcome.failure.error));
  result.Set("detail", Napi::Number::New(env, outcome.failure.detail));
  result.Set("holdFd", Napi::Number::New(env, outcome.hold_fd));
  result.Set("nsPid", Napi::Number::New(env, outcome.ns_pid));
  result.Set("intoCgroup", Napi::Boolean::New(env, outcome.into_cgroup));
  return result;
}

}  // namespace caplint

#include "learn.h"

#include <errno.h>
#include <fcntl.h>

#include <cstring>
#include <system_error>
#include <unordered_map>

#include "launch-result.h"
#include "plan.h"
#include "recorder.h"
#include "spawn.h"
#include "wait.h"

namespace caplint {
namespace {

#ifndef SECCOMP_FILTER_FLAG_NEW_LISTENER
#define SECCOMP_FILTER_FLAG_NEW_LISTENER (1UL << 3)
#endif

std::unordered_map<int, Recorder*> live;  // touched on the main thread only
int next_id = 1;

[[noreturn]] void Bad(Napi::Env env, const std::string& what) { throw Napi::TypeError::New(env, "learn options: " + what); }

UniqueFd DupFd(const Napi::Object& o, const char* name) {
  Napi::Value v = o.Get(name);
  if (!v.IsNumber()) Bad(o.Env(), std::string(name) + " must be a number");
  int fd = v.As<Napi::Number>().Int32Value();
  if (fd < 0) return UniqueFd();
  UniqueFd own(fcntl(fd, F_DUPFD_CLOEXEC, 3));
  if (!own.Valid()) Bad(o.Env(), std::string(name) + " is not an open descriptor");
  return own;
}

RecorderConfig ReadConfig(const Napi::Object& o) {
  RecorderConfig config;
  Napi::Value oracle = o.Get("oracle");
  if (!oracle.IsTypedArray() || oracle.As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array) Bad(o.Env(), "oracle must be a Uint8Array");
  Napi::Uint8Array bytes = oracle.As<Napi::Uint8Array>();
  if (bytes.ByteLength() == 0 || bytes.ByteLength() % sizeof(sock_filter) != 0 || bytes.ByteLength() / sizeof(sock_filter) > BPF_MAXINSNS)
    Bad(o.Env(), "oracle must be 1 to 4096 instructions of 8 bytes");
  config.oracle.resize(bytes.ByteLength() / sizeof(sock_filter));
  std::memcpy(config.oracle.data(), bytes.Data(), bytes.ByteLength());
  Napi::Value capture = o.Get("capture");
  if (!capture.IsTypedArray() || capture.As<Napi::TypedArray>().TypedArrayType() != napi_uint32_array) Bad(o.Env(), "capture must be a Uint32Array");
  Napi::Uint32Array triples = capture.As<Napi::Uint32Array>();
  if (triples.ElementLength() % 3 != 0) Bad(o.Env(), "capture must hold [arch, nr, mask] triples");
  for (size_t i = 0; i < triples.ElementLength(); i += 3)
    config.capture[CallKey(triples[i], static_cast<int32_t>(triples[i + 1]))] = static_cast<uint8_t>(triples[i + 2] & 0x3f);
  config.trace_pid = DupFd(o, "tracePidFd");
  config.trace_enable = DupFd(o, "traceEnableFd");
  if (config.trace_pid.Valid() != config.trace_enable.Valid()) Bad(o.Env(), "tracePidFd and traceEnableFd go together");
  return config;
}

}  // namespace

void ForgetRecorder(Recorder* recorder) {
  for (auto it = live.begin(); it != live.end(); ++it) {
    if (it->second == recorder) {
      live.erase(it);
      break;
    }
  }
  delete recorder;
}

Napi::Value LearnJs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 2 || !info[0].IsObject() || !info[1].IsObject()) throw Napi::TypeError::New(env, "learn(plan, options): two objects");
  ChildPlan plan;
  ReadPlan(info[0].As<Napi::Object>(), plan);
  if (!plan.has_filter) throw Napi::TypeError::New(env, "learn: the plan must carry the recording filter");
  plan.seccomp_flags = (plan.seccomp_flags & ~uint32_t{SECCOMP_FILTER_FLAG_TSYNC}) | SECCOMP_FILTER_FLAG_NEW_LISTENER;
  RecorderConfig config = ReadConfig(info[1].As<Napi::Object>());
  auto* recorder = new Recorder(std::move(config), env);
  int id = next_id++;
  live[id] = recorder;
  Napi::Promise recording = recorder->Result();
  recorder->Start();
  LaunchOutcome outcome;
  try {
    outcome = Launch(plan, recorder->Slot());
  } catch (const std::system_error& e) {
    recorder->LaunchOver();
    Napi::Error error = Napi::Error::New(env, e.what());
    error.Set("errno", Napi::Number::New(env, e.code().value()));
    throw error;
  }
  recorder->LaunchOver();
  if (outcome.started) AdoptPidfd(outcome.pidfd);
  Napi::Object result = LaunchResultObject(env, outcome);
  result.Set("recorder", Napi::Number::New(env, id));
  result.Set("recording", recording);
  return result;
}

Napi::Value StopRecordingJs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsNumber()) throw Napi::TypeError::New(env, "stopRecording(id): id must be a number");
  auto it = live.find(info[0].As<Napi::Number>().Int32Value());
  if (it == live.end()) return Napi::Boolean::New(env, false);
  it->second->Stop();
  return Napi::Boolean::New(env, true);
}

}  // namespace caplint

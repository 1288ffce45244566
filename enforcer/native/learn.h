// `caplint learn`: a launch whose filter notifies a recorder (recorder.h).
#pragma once
#include <napi.h>

namespace caplint {

// learn(plan, options) → the launch result of launch(plan) plus
//   recorder: an id for stopRecording, recording: Promise<{calls, notifications, listened, error, traceError}>.
// options: {oracle: Uint8Array (the base program), capture: Uint32Array of
// [auditArch, nr, argMask] triples, tracePidFd, traceEnableFd (-1 for none)}.
Napi::Value LearnJs(const Napi::CallbackInfo& info);

// stopRecording(id): answers what is pending and ends the recording; false when it already ended.
Napi::Value StopRecordingJs(const Napi::CallbackInfo& info);

}  // namespace caplint

// The supervisor of `caplint learn`: a thread of its own (Node's event loop
// never waits on it) that takes the child's seccomp listener, answers every
// notification and counts the calls. A call the base profile allows is
// answered SECCOMP_USER_NOTIF_FLAG_CONTINUE (the kernel runs it); a call the
// base denies with an errno is answered with that errno (it never runs) and
// counted as denied. Counting is in memory, per distinct (arch, nr, verdict,
// captured arguments): a storm of one call is one counter, not a log.
#pragma once
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <napi.h>

#include <atomic>
#include <cstdint>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "listener-slot.h"
#include "unique-fd.h"

namespace caplint {

// Which arguments to keep for one (arch, nr): bit i = args[i].
using CaptureMap = std::unordered_map<uint64_t, uint8_t>;
inline uint64_t CallKey(uint32_t arch, int32_t nr) { return (uint64_t{arch} << 32) | static_cast<uint32_t>(nr); }

struct CallRecord {
  uint32_t arch = 0;
  int32_t nr = 0;
  bool denied = false;
  bool overflow = false;  // more distinct argument values than kMaxValuesPerCall: values dropped
  uint8_t captured = 0;   // which of args[] are meaningful
  uint64_t args[6] = {};
  uint64_t count = 0;
};

struct RecorderConfig {
  std::vector<sock_filter> oracle;  // the base profile as compiled, with its real actions
  CaptureMap capture;
  UniqueFd trace_pid;     // tracefs set_event_pid of a private instance, or invalid
  UniqueFd trace_enable;  // that instance's cap_capable/enable
};

class Recorder {
 public:
  static constexpr size_t kMaxValuesPerCall = 64;

  Recorder(RecorderConfig config, Napi::Env env);
  ~Recorder();
  Recorder(const Recorder&) = delete;
  Recorder& operator=(const Recorder&) = delete;

  ListenerSlot* Slot() { return slot_.Get(); }
  Napi::Promise Result() const { return deferred_.Promise(); }
  // Starts the thread; it waits in the slot for the child's listener.
  void Start();
  // The launch is over (clone returned): a recorder with no listener yet stops.
  void LaunchOver();
  // Answers what is pending, then closes the listener (later calls get ENOSYS).
  void Stop();

 private:
  void Run();
  bool TakeListener();
  bool Abandon(int command_pid, const std::string& error);
  void Serve();
  bool HandleOne();
  void Count(const seccomp_notif& req, bool denied);
  static void Finished(Napi::Env env, void*, Recorder* self);

  RecorderConfig config_;
  SharedSlot slot_;  // shared with the children (listener-slot.h)
  UniqueFd listener_;
  UniqueFd stop_;  // eventfd
  seccomp_notif_sizes sizes_{};
  std::vector<uint64_t> req_buf_, resp_buf_;  // reused for every notification; 8-byte words keep them aligned
  std::vector<CallRecord> records_;
  std::unordered_map<uint64_t, std::vector<size_t>> by_call_;  // CallKey → indexes into records_
  std::string error_;
  std::string trace_error_;
  uint64_t notifications_ = 0;
  bool listened_ = false;
  Napi::Promise::Deferred deferred_;
  Napi::ThreadSafeFunction done_;
  std::thread thread_;
};

// Defined in learn.cc: drops a finished recorder from the table of live ones and deletes it.
void ForgetRecorder(Recorder* recorder);

}  // namespace caplint

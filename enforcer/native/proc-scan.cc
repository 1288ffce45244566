// One call starts reading what a scan needs from every process, so a scan of
// thousands of processes pays no per-file trip between JavaScript and C++
// (and throws no JavaScript error per missing file); JavaScript takes the
// processes in chunks as they are read (each process read by proc-read.cc).
#include "proc-scan.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>
#include <unordered_map>
#include <vector>

#include "proc-read.h"

namespace caplint {
namespace {

std::vector<std::string> Strings(const Napi::Env& env, const Napi::Value& value, const char* what) {
  if (!value.IsArray()) throw Napi::TypeError::New(env, std::string("readProcFiles: ") + what + " must be an array of strings");
  Napi::Array array = value.As<Napi::Array>();
  std::vector<std::string> out;
  for (uint32_t i = 0; i < array.Length(); i++) {
    Napi::Value item = array.Get(i);
    if (!item.IsString()) throw Napi::TypeError::New(env, std::string("readProcFiles: ") + what + " must be an array of strings");
    std::string name = item.As<Napi::String>().Utf8Value();
    if (name.empty() || name[0] == '/' || name.find("..") != std::string::npos) throw Napi::TypeError::New(env, "readProcFiles: names are relative to /proc/PID");
    out.push_back(name);
  }
  return out;
}

// A scan read in chunks of processes by a few background threads while
// JavaScript parses the chunks already read: the reads are independent and
// most of their cost is in the kernel, so on a machine with a spare core the
// parsing hides behind them (or they behind it). The calling thread reads a
// chunk itself rather than wait for one no worker has started, so a scan
// with no worker (small, or threads refused) is read on demand.
constexpr size_t kChunk = 32;

struct Stream {
  ProcRequest request;
  std::vector<int> pids;
  std::vector<ProcSlot> slots;
  size_t chunks = 0;
  std::atomic<size_t> next{0};
  std::atomic<bool> cancelled{false};
  std::mutex mutex;
  std::condition_variable ready;
  std::vector<char> done;   // per chunk, under mutex
  std::vector<char> taken;  // per chunk, the calling thread's only: its texts are freed once taken
  std::string buffer;       // the calling thread's read buffer

  // Claims the next chunk no one has started and reads it; false when none is left.
  bool ReadNext(std::string& scratch) {
    const size_t c = next.fetch_add(1);
    if (c >= chunks) return false;
    const size_t per = request.Per();
    if (!cancelled.load()) {
      for (size_t p = c * kChunk; p < std::min(pids.size(), (c + 1) * kChunk); p++) ReadOne(request, pids[p], scratch, &slots[p * per]);
    }
    {
      std::lock_guard<std::mutex> lock(mutex);
      done[c] = 1;
    }
    ready.notify_all();
    return true;
  }

  // Blocks until chunk c is read (reading chunks itself while any is unclaimed).
  void Await(size_t c) {
    for (;;) {
      {
        std::lock_guard<std::mutex> lock(mutex);
        if (done[c]) return;
      }
      if (!ReadNext(buffer)) break;
    }
    std::unique_lock<std::mutex> lock(mutex);
    ready.wait(lock, [&] { return done[c] != 0; });
  }
};

// Marks the stream cancelled when JavaScript lets go of it: workers still
// running stop at their next chunk and drop their share of it.
struct StreamOwner {
  explicit StreamOwner(std::shared_ptr<Stream> s) : stream(std::move(s)) {}
  StreamOwner(const StreamOwner&) = delete;
  StreamOwner& operator=(const StreamOwner&) = delete;
  ~StreamOwner() { stream->cancelled.store(true); }
  const std::shared_ptr<Stream> stream;
};

void StartWorkers(const std::shared_ptr<Stream>& stream) {
  if (stream->pids.size() < 2 * kChunk) return;  // a few processes: read on demand, no thread started
  const size_t workers = std::min<size_t>(std::max(1u, std::thread::hardware_concurrency()), 4);
  for (size_t t = 0; t < workers; t++) {
    try {
      std::thread([stream] {
        std::string scratch(64 * 1024, '\0');
        while (!stream->cancelled.load() && stream->ReadNext(scratch)) {
        }
      }).detach();
    } catch (const std::system_error&) {
      break;  // no thread (RLIMIT_NPROC, memory): the caller reads the rest itself
    }
  }
}

// Chunk c as JavaScript values, slot by slot: a text, the errno as a number,
// null for an unneeded last slot, undefined for a slot not read. Texts that
// repeat within the chunk (cgroup, links, a thousand sleeps' cmdline) become
// one string. The chunk's texts are freed once converted.
Napi::Array ChunkValues(Napi::Env env, Stream& s, size_t c) {
  const size_t per = s.request.Per();
  const size_t from = c * kChunk * per;
  const size_t to = std::min(s.pids.size(), (c + 1) * kChunk) * per;
  Napi::Array values = Napi::Array::New(env, to - from);
  std::unordered_map<std::string, Napi::Value> strings;
  for (size_t i = from; i < to; i++) {
    ProcSlot& slot = s.slots[i];
    Napi::Value value;
    if (slot.skipped) {
      value = env.Undefined();
    } else if (slot.error) {
      value = Napi::Number::New(env, slot.error);
    } else if (slot.text.empty() && i % per == per - 1) {
      value = env.Null();
    } else {
      auto found = strings.find(slot.text);
      if (found == strings.end()) {
        Napi::Value text = Napi::String::New(env, slot.text.data(), slot.text.size());
        found = strings.emplace(std::move(slot.text), text).first;
      }
      value = found->second;
    }
    values.Set(static_cast<uint32_t>(i - from), value);
    std::string().swap(slot.text);
  }
  return values;
}

}  // namespace

Napi::Value ReadProcFiles(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 5 || !info[0].IsString()) throw Napi::TypeError::New(env, "readProcFiles(procRoot, pids, files, links, statusKeys[, skipKernelThreads])");
  auto stream = std::make_shared<Stream>();
  ProcRequest& r = stream->request;
  r.root = info[0].As<Napi::String>().Utf8Value();
  if (info[1].IsTypedArray() && info[1].As<Napi::TypedArray>().TypedArrayType() == napi_int32_array) {
    Napi::Int32Array given = info[1].As<Napi::Int32Array>();
    stream->pids.assign(given.Data(), given.Data() + given.ElementLength());
  } else if (info[1].IsNull()) {
    stream->pids = ListPids(r.root);
  } else {
    throw Napi::TypeError::New(env, "readProcFiles: pids must be an Int32Array or null");
  }
  r.files = Strings(env, info[2], "files");
  r.links = Strings(env, info[3], "links");
  for (const std::string& key : Strings(env, info[4], "statusKeys")) r.keys.insert(key);
  r.skip_kernel_threads = info.Length() > 5 && info[5].IsBoolean() && info[5].As<Napi::Boolean>().Value();

  stream->slots.resize(stream->pids.size() * r.Per());
  stream->chunks = (stream->pids.size() + kChunk - 1) / kChunk;
  stream->done.assign(stream->chunks, 0);
  stream->taken.assign(stream->chunks, 0);
  stream->buffer.assign(64 * 1024, '\0');
  StartWorkers(stream);

  Napi::Int32Array listed = Napi::Int32Array::New(env, stream->pids.size());
  for (size_t p = 0; p < stream->pids.size(); p++) listed[p] = stream->pids[p];
  auto owner = std::make_shared<StreamOwner>(stream);
  Napi::Function take = Napi::Function::New(env, [owner](const Napi::CallbackInfo& call) -> Napi::Value {
    Stream& s = *owner->stream;
    if (call.Length() < 1 || !call[0].IsNumber()) throw Napi::TypeError::New(call.Env(), "take(chunk): chunk must be a number");
    const int64_t c = call[0].As<Napi::Number>().Int64Value();
    if (c < 0 || static_cast<size_t>(c) >= s.chunks) throw Napi::RangeError::New(call.Env(), "take(chunk): no such chunk");
    if (s.taken[c]) throw Napi::Error::New(call.Env(), "take(chunk): each chunk is taken once");
    s.taken[c] = 1;
    s.Await(static_cast<size_t>(c));
    return ChunkValues(call.Env(), s, static_cast<size_t>(c));
  }, "take");
  Napi::Object result = Napi::Object::New(env);
  result.Set("pids", listed);
  result.Set("chunk", Napi::Number::New(env, kChunk));
  result.Set("take", take);
  return result;
}

}  // namespace caplint

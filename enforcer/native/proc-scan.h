// Reading many /proc/PID files in one call (for `caplint ps`).
#pragma once
#include <napi.h>

namespace caplint {

// readProcFiles(procRoot, pids | null, files, links, statusKeys[, skipKernelThreads])
//   → {pids: Int32Array, chunk: number, take(c) → (string | number | null | undefined)[]}
// Starts reading, in background threads, and returns at once; take(c) blocks
// until the c-th run of `chunk` pids is read and returns their slots (the
// reads of later chunks go on meanwhile). For each pid (every numeric entry of procRoot, ascending, when pids is
// null): stat, then each of `files` (read whole) and `links` (readlink), all
// through one O_PATH descriptor of /proc/PID, so a pid reused mid-read
// answers ESRCH instead of another process's files. A chunk holds
// 2 + files + links slots per pid, in that order: the text, or the errno of
// the failed call as a number. The last slot is null when the last link was
// read (the process lived through every read), else stat read again. `status` keeps only the lines whose key is in
// statusKeys (all lines when it is empty). With skipKernelThreads, a kernel
// thread (PF_KTHREAD) gets its stat and undefined in every other slot (not
// read: a reader that wants them reads them itself). Nothing is decided here: the
// reader in engine/inputs/proc parses and judges every text.
Napi::Value ReadProcFiles(const Napi::CallbackInfo& info);

}  // namespace caplint

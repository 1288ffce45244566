// Reading what a scan needs from one process, through one descriptor of its
// /proc/PID (for the batch reader, proc-scan.cc). Plain open/read/readlink;
// nothing is parsed or decided here.
#pragma once
#include <string>
#include <unordered_set>
#include <vector>

namespace caplint {

// The text of a file, or -errno.
struct ProcSlot {
  std::string text;
  int error = 0;
  bool skipped = false;  // not read (a kernel thread's files, when asked to skip them)
};

// What to read from each process: files (read whole; status only the lines
// keyed by `keys`, all when empty) and links (readlink), relative to /proc/PID.
struct ProcRequest {
  std::string root;
  std::vector<std::string> files;
  std::vector<std::string> links;
  std::unordered_set<std::string> keys;
  bool skip_kernel_threads = false;
  size_t Per() const { return files.size() + links.size() + 2; }
};

// Reads one process into its Per() slots: stat, each file, each link, then
// the last slot. The last slot is stat read again only when the last link
// could not be read; otherwise it stays empty (error 0, no text): that read
// succeeding through the same descriptor shows the process lived through
// every read, and the descriptor cannot reach a process that reused the pid.
void ReadOne(const ProcRequest& r, int pid, std::string& buffer, ProcSlot* slots);

// Every numeric entry of root (a /proc), ascending.
std::vector<int> ListPids(const std::string& root);

}  // namespace caplint

// Pieces both launchers use (spawn.cc, spawn-isolated.cc).
#pragma once
#include <errno.h>
#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include <system_error>

#include "plan.h"

namespace caplint {

constexpr size_t kStackSize = 256 * 1024;

class ChildStack {
 public:
  ChildStack() {
    base_ = mmap(nullptr, kStackSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (base_ == MAP_FAILED) throw std::system_error(errno, std::generic_category(), "mmap of the child stack");
  }
  ~ChildStack() { munmap(base_, kStackSize); }
  ChildStack(const ChildStack&) = delete;
  ChildStack& operator=(const ChildStack&) = delete;
  void* Top() const { return static_cast<char*>(base_) + kStackSize; }

 private:
  void* base_;
};

class BlockedSignals {
 public:
  BlockedSignals() {
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &saved_);
  }
  ~BlockedSignals() { pthread_sigmask(SIG_SETMASK, &saved_, nullptr); }
  BlockedSignals(const BlockedSignals&) = delete;
  BlockedSignals& operator=(const BlockedSignals&) = delete;

 private:
  sigset_t saved_;
};

// One StepFailure record from the status pipe; {0, 0, -1} on EOF (exec succeeded).
inline StepFailure ReadFailure(int fd) {
  StepFailure f{0, 0, -1};
  char* p = reinterpret_cast<char*>(&f);
  size_t got = 0;
  while (got < sizeof f) {
    ssize_t n = read(fd, p + got, sizeof f - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  if (got == 0) return StepFailure{0, 0, -1};
  if (got < sizeof f) return StepFailure{kStepExec, EPIPE, -1};  // a torn record: treat as failed
  return f;
}

}  // namespace caplint

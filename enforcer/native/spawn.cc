// The parent side of a launch, the way posix_spawn does it:
// clone(CLONE_VM|CLONE_VFORK|CLONE_PIDFD) on a stack of our own. Sharing the
// memory avoids copying V8's page tables and runs no atfork handlers; VFORK
// suspends this thread until the child has exec'd or exited, so the status
// pipe is complete when clone returns; CLONE_PIDFD gives a descriptor that
// cannot name a recycled pid. Every signal is blocked around the clone so no
// handler of ours runs in the child, which resets them before unblocking.
#include "spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <system_error>

#include "child.h"
#include "parent-guard.h"
#include "unique-fd.h"

namespace caplint {
namespace {

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

StepFailure ReadFailure(int fd) {
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

}  // namespace

LaunchOutcome Launch(const ChildPlan& plan, ListenerSlot* listener) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) throw std::system_error(errno, std::generic_category(), "pipe2");
  UniqueFd read_end(fds[0]), write_end(fds[1]);
  ChildStack stack;
  volatile StepFailure shared{0, 0, -1};
  ChildArgs args{&plan, write_end.Get(), &shared, getpid(), listener};
  int pidfd = -1;
  int pid, clone_errno;
  GuardParent();  // released by the wait once the child is reaped, or below when it never ran
  {
    BlockedSignals blocked;
    int saved = errno;
    pid = clone(ChildMain, stack.Top(), CLONE_VM | CLONE_VFORK | CLONE_PIDFD | SIGCHLD, &args, &pidfd);
    clone_errno = errno;
    errno = saved;
  }
  if (pid < 0) {
    UnguardParent();
    throw std::system_error(clone_errno, std::generic_category(), "clone");
  }
  UniqueFd owned_pidfd(pidfd);
  write_end.Reset();
  LaunchOutcome out;
  out.pid = pid;
  out.failure = ReadFailure(read_end.Get());
  if (out.failure.step == 0 && shared.step != 0) out.failure = StepFailure{shared.step, shared.error, shared.detail};
  if (out.failure.step == 0) {
    out.started = true;
    out.pidfd = owned_pidfd.Release();
    return out;
  }
  siginfo_t info{};
  while (waitid(P_PIDFD, static_cast<id_t>(owned_pidfd.Get()), &info, WEXITED) != 0 && errno == EINTR) {
  }
  UnguardParent();
  return out;
}

}  // namespace caplint

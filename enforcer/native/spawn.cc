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
#include "spawn-isolated.h"
#include "spawn-parts.h"
#include "unique-fd.h"

namespace caplint {

LaunchOutcome Launch(const ChildPlan& plan, ListenerSlot* listener) {
  if (plan.isolation.active) return LaunchIsolated(plan, listener);
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

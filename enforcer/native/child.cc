// The child side. It shares the parent's memory (CLONE_VM|CLONE_VFORK) and
// runs while the parent's thread is suspended, so it makes raw system calls
// only: no allocation, no locks, no glibc wrapper that keeps process state
// (glibc's setresuid would signal the parent's threads). errno is the
// parent's thread's; the parent saves its own around the clone.
//
// Order (fixed; see docs in enforcer/launch-plan.ts):
//   signals → descriptors → stdio → PR_CAPBSET_DROP → [KEEPCAPS, setgroups,
//   setresgid, setresuid] → capset → ambient → parent death → chdir →
//   NO_NEW_PRIVS → seccomp → execve
#include "child.h"
#include "child-guard.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/close_range.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace caplint {
namespace {

[[noreturn]] void Fail(const ChildArgs& out, int32_t step, int error, int32_t detail = -1) {
  out.shared->step = step, out.shared->error = error, out.shared->detail = detail;
  int fd = out.error_fd;
  StepFailure f{step, error, detail};
  const char* p = reinterpret_cast<const char*>(&f);
  size_t left = sizeof f;
  while (left > 0) {
    long n = syscall(SYS_write, fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    p += n, left -= static_cast<size_t>(n);
  }
  syscall(SYS_exit_group, 125);
  __builtin_trap();  // SIGILL, default action (handlers were reset): a filter cannot stop it
}

// The kernel's struct sigaction; all zero is SIG_DFL with no flags and an empty mask.
struct KernelSigaction {
  unsigned long handler, flags, restorer, mask;
};

bool ResetSignals() {
  KernelSigaction dfl{};
  for (int sig = 1; sig < 65; sig++) {
    if (sig == SIGKILL || sig == SIGSTOP) continue;
    syscall(SYS_rt_sigaction, sig, &dfl, nullptr, sizeof(unsigned long));  // EINVAL past _NSIG is fine
  }
  unsigned long empty = 0;
  return syscall(SYS_rt_sigprocmask, SIG_SETMASK, &empty, nullptr, sizeof empty) == 0;
}

// Descriptors above 2 are closed at execve (marked CLOEXEC, so the status pipe
// still works until then); 0, 1 and 2 are kept and made inheritable.
bool FixDescriptors() {
  if (syscall(SYS_close_range, 3u, ~0u, CLOSE_RANGE_CLOEXEC) != 0) {
    if (errno != ENOSYS && errno != EINVAL) return false;
    struct { unsigned long cur, max; } limit{1024, 1024};
    syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, nullptr, &limit);
    unsigned long top = limit.cur > 1u << 20 ? 1u << 20 : limit.cur;
    for (unsigned long fd = 3; fd < top; fd++) syscall(SYS_fcntl, fd, F_SETFD, FD_CLOEXEC);
  }
  for (int fd = 0; fd <= 2; fd++) {
    long flags = syscall(SYS_fcntl, fd, F_GETFD);
    if (flags > 0 && (flags & FD_CLOEXEC)) syscall(SYS_fcntl, fd, F_SETFD, flags & ~FD_CLOEXEC);
  }
  return true;
}

void DropBounding(const ChildPlan& p, const ChildArgs& out) {
  for (int cap = 0; cap <= p.last_cap; cap++) {
    if (p.bounding & (1ull << cap)) continue;
    long present = syscall(SYS_prctl, PR_CAPBSET_READ, cap, 0, 0, 0);
    if (present == 0) continue;
    if (present < 0 || syscall(SYS_prctl, PR_CAPBSET_DROP, cap, 0, 0, 0) != 0) Fail(out, kStepBoundingDrop, errno, cap);
  }
}

void ChangeIds(const ChildPlan& p, const ChildArgs& out) {
  if (syscall(SYS_prctl, PR_SET_KEEPCAPS, 1, 0, 0, 0) != 0) Fail(out, kStepKeepCaps, errno);
  if (syscall(SYS_setgroups, 0, nullptr) != 0) Fail(out, kStepSetGroups, errno);
  if (syscall(SYS_setresgid, p.gid, p.gid, p.gid) != 0) Fail(out, kStepSetGid, errno);
  if (syscall(SYS_setresuid, p.uid, p.uid, p.uid) != 0) Fail(out, kStepSetUid, errno);
}

void SetCapabilities(const ChildPlan& p, const ChildArgs& out) {
  __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
  __user_cap_data_struct data[2] = {
      {static_cast<uint32_t>(p.effective), static_cast<uint32_t>(p.permitted), static_cast<uint32_t>(p.inheritable)},
      {static_cast<uint32_t>(p.effective >> 32), static_cast<uint32_t>(p.permitted >> 32),
       static_cast<uint32_t>(p.inheritable >> 32)},
  };
  if (syscall(SYS_capset, &header, data) != 0) Fail(out, kStepCapset, errno);
}

void SetAmbient(const ChildPlan& p, const ChildArgs& out) {
  if (syscall(SYS_prctl, PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0) {
    if (!(errno == EINVAL && p.ambient == 0)) Fail(out, kStepAmbientClear, errno);  // EINVAL: kernel < 4.3
  }
  for (int cap = 0; cap <= p.last_cap; cap++)
    if ((p.ambient & (1ull << cap)) && syscall(SYS_prctl, PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap, 0, 0) != 0)
      Fail(out, kStepAmbientRaise, errno, cap);
}

}  // namespace

int ChildMain(void* raw) {
  const ChildArgs& out = *static_cast<const ChildArgs*>(raw);
  const ChildPlan& p = *out.plan;
  if (!ResetSignals()) Fail(out, kStepSignals, errno);
  if (!FixDescriptors()) Fail(out, kStepDescriptors, errno);
  if (!FixStdio()) Fail(out, kStepStdio, errno);
  if (p.drop_bounding) DropBounding(p, out);
  if (p.change_ids) ChangeIds(p, out);
  if (p.set_capabilities) SetCapabilities(p, out);
  if (p.set_capabilities) SetAmbient(p, out);
  if (!TieToParent(out.parent, out.parent_fd)) Fail(out, kStepParentDeath, errno);  // after the id change, which clears it
  if (p.has_cwd && syscall(SYS_chdir, p.cwd.c_str()) != 0) Fail(out, kStepChdir, errno);
  if (p.no_new_privs && syscall(SYS_prctl, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) Fail(out, kStepNoNewPrivs, errno);
  MarkPreExec();  // only for reporting a SIGSYS before execve; a failure here confines nothing less
  if (p.has_filter) {
    sock_fprog prog{static_cast<unsigned short>(p.filter.size()), const_cast<sock_filter*>(p.filter.data())};
    long self = out.listener ? syscall(SYS_getpid) : 0;
    // Memory of its own: made dumpable for the recorder's pidfd_getfd (listener-slot.h); execve resets it.
    if (out.listener && out.listener->own_memory.load(std::memory_order_relaxed) && syscall(SYS_prctl, PR_SET_DUMPABLE, 1, 0, 0, 0) != 0)
      Fail(out, kStepSeccomp, errno);
    long rc = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, p.seccomp_flags, &prog);
    if (out.listener && rc >= 0) {
      out.listener->pid.store(static_cast<int>(self), std::memory_order_relaxed);
      out.listener->fd.store(static_cast<int>(rc), std::memory_order_release);  // no call until execve (listener-slot.h)
    } else if (rc != 0) {
      Fail(out, kStepSeccomp, rc > 0 ? ESRCH : errno);  // TSYNC returns a thread id on conflict
    }
  }
  syscall(SYS_execve, p.file.c_str(), p.argv.data(), p.envp.data());
  Fail(out, kStepExec, errno);
}

}  // namespace caplint

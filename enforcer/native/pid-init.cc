// PID 1 of a new pid namespace. It keeps every signal blocked and takes them
// with rt_sigtimedwait: a blocked signal is queued even to a namespace init
// (which would discard an unhandled one), so SIGTERM from caplint arrives
// and is forwarded, and SIGCHLD tells it when to reap. Raw system calls only.
#include "pid-init.h"

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/capability.h>
#include <linux/close_range.h>

namespace caplint {
namespace {

constexpr char kInitName[] = "caplint-init";

// Everything but the hold descriptor: the init never execs, so nothing it
// inherited from caplint may stay open in it.
void CloseAllBut(int keep) {
  if (keep > 0) syscall(SYS_close_range, 0u, static_cast<unsigned>(keep - 1), 0u);
  syscall(SYS_close_range, static_cast<unsigned>(keep + 1), ~0u, 0u);
}

// Once the command runs the init needs one privilege: CAP_KILL, to forward a
// signal to a command that switched to other ids (a range map, process.user).
// It can reach nothing with it but what it sees, its own pid namespace. It
// gives up every other capability and sets no_new_privs.
void DropPrivileges(int last_cap) {
  for (int cap = 0; cap <= last_cap; cap++)
    if (cap != CAP_KILL) syscall(SYS_prctl, PR_CAPBSET_DROP, cap, 0, 0, 0);
  __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
  __user_cap_data_struct kill_only[2] = {{1u << CAP_KILL, 1u << CAP_KILL, 0}, {0, 0, 0}};
  syscall(SYS_capset, &header, kill_only);
  syscall(SYS_prctl, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
}

[[noreturn]] void ExitLike(int status) {
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : WIFSIGNALED(status) ? 128 + WTERMSIG(status) : 1;
  syscall(SYS_exit_group, code);
  __builtin_trap();
}

// The command has exited: once the parent has read its /proc entries, reap it and leave.
[[noreturn]] void FinishWith(pid_t command, int hold_fd) {
  char byte;
  while (syscall(SYS_read, hold_fd, &byte, 1) < 0 && errno == EINTR) {
  }
  int status = 0;
  while (syscall(SYS_wait4, command, &status, 0, nullptr) < 0 && errno == EINTR) {
  }
  ExitLike(status);
}

// Reaps every exited child except the command, which is left for FinishWith.
void ReapOrphans(pid_t command, int hold_fd) {
  for (;;) {
    siginfo_t info{};
    if (syscall(SYS_waitid, P_ALL, 0, &info, WEXITED | WNOHANG | WNOWAIT, nullptr) != 0 || info.si_pid == 0) return;
    if (info.si_pid == command) FinishWith(command, hold_fd);
    syscall(SYS_waitid, P_PID, info.si_pid, &info, WEXITED | WNOHANG, nullptr);
  }
}

}  // namespace

void RunInit(const IsolatedArgs& a) {
  int fd = a.child.error_fd;
  syscall(SYS_prctl, PR_SET_NAME, kInitName, 0, 0, 0);
  syscall(SYS_prctl, PR_SET_DUMPABLE, 0, 0, 0, 0);  // the command may not read the init's memory
  volatile StepFailure own{0, 0, -1};
  // A recording command gets memory of its own, so the init's stays undumpable (listener-slot.h);
  // its failed step then comes back through the shared slot.
  ListenerSlot* recording = a.child.listener;
  volatile StepFailure& shared = recording ? recording->command_failure : own;
  ChildArgs command_args = a.child;
  command_args.shared = &shared;
  command_args.parent = 1;  // the command's parent is this init: PID 1 in the namespace
  long pid = clone(ChildMain, a.command_stack, (recording ? 0 : CLONE_VM) | CLONE_VFORK | SIGCHLD, &command_args);
  if (pid < 0) ReportAndExit(fd, kStepInit, errno, -1);
  if (shared.step != 0) {  // the command's steps failed; it wrote its record already
    int status;
    syscall(SYS_wait4, pid, &status, 0, nullptr);
    syscall(SYS_exit_group, 125);
  }
  // vfork returns at the exec or at the death: a command already dead of SIGSYS was killed by its
  // filter before the program could start (issue 11's check in wait.cc, for a child under an init).
  siginfo_t early{};
  if (syscall(SYS_waitid, P_PID, pid, &early, WEXITED | WNOHANG | WNOWAIT, nullptr) == 0 && early.si_pid == pid &&
      (early.si_code == CLD_KILLED || early.si_code == CLD_DUMPED) && early.si_status == SIGSYS)
    ReportAndExit(fd, kStepKilledBeforeExec, ENOSYS, -1);
  WriteRecord(fd, StepFailure{kStepStarted, 0, static_cast<int32_t>(pid)});
  CloseAllBut(a.hold_fd);
  DropPrivileges(a.child.plan->last_cap);
  uint64_t all = ~0ull;
  for (;;) {
    siginfo_t info{};
    long sig = syscall(SYS_rt_sigtimedwait, &all, &info, nullptr, sizeof all);
    if (sig < 0) continue;
    if (sig == SIGCHLD) ReapOrphans(static_cast<pid_t>(pid), a.hold_fd);
    else syscall(SYS_kill, pid, sig);
  }
}

}  // namespace caplint

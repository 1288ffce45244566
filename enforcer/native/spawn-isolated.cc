// The parent side of an isolated launch. The child is forked, not cloned
// with CLONE_VM|CLONE_VFORK: it has to wait for this thread to write its id
// maps (a user namespace is entered at clone, and only its parent may map it),
// and in a new pid namespace it lives on as PID 1 (pid-init.cc), which must
// not share caplint's memory. The sequence:
//
//   clone3(CLONE_NEW*, CLONE_PIDFD, CLONE_INTO_CGROUP when a cgroup2 directory
//   is planned; else clone)  →  parent: setgroups "deny" (when
//   planned), uid_map, gid_map  →  a byte on the go pipe  →  child:
//   cgroup.procs, cgroup namespace, mounts, lo, hostname, [init], the
//   confinement steps of child.cc, execve  →  parent: the status pipe gives
//   a StepFailure, kStepStarted (pid namespace) or EOF (exec'd).
#include "spawn-isolated.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "isolated-child.h"
#include "parent-guard.h"
#include "spawn-parts.h"
#include "unique-fd.h"

namespace caplint {
namespace {

struct Pipe {
  UniqueFd read, write;
};

Pipe MakePipe() {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) throw std::system_error(errno, std::generic_category(), "pipe2");
  return Pipe{UniqueFd(fds[0]), UniqueFd(fds[1])};
}

bool WriteFile(const std::string& path, const std::string& text) {
  UniqueFd fd(open(path.c_str(), O_WRONLY | O_CLOEXEC));
  if (!fd.Valid()) return false;
  return write(fd.Get(), text.data(), text.size()) == static_cast<ssize_t>(text.size());
}

// 0 on success, else the failing file (0 setgroups, 1 uid_map, 2 gid_map) with errno set.
int WriteMaps(int pid, const IsolationPlan& p) {
  std::string proc = "/proc/" + std::to_string(pid) + "/";
  if (p.deny_setgroups && !WriteFile(proc + "setgroups", "deny")) return 0;
  if (!WriteFile(proc + "uid_map", p.uid_map)) return 1;
  if (!WriteFile(proc + "gid_map", p.gid_map)) return 2;
  return -1;
}

// struct clone_args of linux/sched.h (kernel 5.7 layout), spelled out: that header clashes with glibc's sched.h.
struct CloneArgs {
  uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls, set_tid, set_tid_size, cgroup;
};
constexpr uint64_t kCloneIntoCgroup = 0x200000000ULL;

// clone3 into the cgroup2 directory `cgroup_fd`, returning like fork: 0 in the child (on a copy of this
// stack, in memory of its own), which then never returns. -1 with errno when clone3 is refused; the
// caller falls back to clone and a write of cgroup.procs, which also names the step that failed.
int CloneInto(uint64_t flags, int cgroup_fd, int* pidfd, IsolatedArgs* args) {
  CloneArgs ca{};
  ca.flags = flags | CLONE_PIDFD | kCloneIntoCgroup;
  ca.pidfd = reinterpret_cast<uint64_t>(pidfd);
  ca.exit_signal = SIGCHLD;
  ca.cgroup = static_cast<uint64_t>(cgroup_fd);
  long pid = syscall(SYS_clone3, &ca, sizeof ca);
  if (pid == 0) {
    IsolatedMain(args);
    syscall(SYS_exit_group, 125);
    __builtin_trap();
  }
  return static_cast<int>(pid);
}

void Reap(int pidfd) {
  siginfo_t info{};
  while (waitid(P_PIDFD, static_cast<id_t>(pidfd), &info, WEXITED) != 0 && errno == EINTR) {
  }
}

}  // namespace

LaunchOutcome LaunchIsolated(const ChildPlan& plan, ListenerSlot* listener) {
  const IsolationPlan& iso = plan.isolation;
  bool new_pid = (iso.clone_flags & CLONE_NEWPID) != 0;
  bool with_init = new_pid && iso.init;
  Pipe status = MakePipe(), go = MakePipe();
  Pipe hold = with_init ? MakePipe() : Pipe{};
  LaunchOutcome out;
  std::vector<UniqueFd> procs;
  std::vector<int> procs_fds;
  for (const auto& path : iso.cgroup_procs) {
    procs.emplace_back(open(path.c_str(), O_WRONLY | O_CLOEXEC));
    if (!procs.back().Valid()) {
      out.failure = StepFailure{kStepCgroupJoin, errno, static_cast<int32_t>(procs_fds.size())};
      return out;
    }
    procs_fds.push_back(procs.back().Get());
  }
  // A cgroup2 directory: the child is created in it (no cgroup.procs write, so no wait for the
  // migration's RCU grace period); its cgroup.procs is opened too, for a kernel without clone3.
  UniqueFd cgroup_dir, cgroup_dir_procs;
  if (iso.has_cgroup_dir) {
    cgroup_dir = UniqueFd(open(iso.cgroup_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (cgroup_dir.Valid()) cgroup_dir_procs = UniqueFd(openat(cgroup_dir.Get(), "cgroup.procs", O_WRONLY | O_CLOEXEC));
    if (!cgroup_dir_procs.Valid()) {
      out.failure = StepFailure{kStepCgroupJoin, errno, static_cast<int32_t>(procs_fds.size())};
      return out;
    }
  }
  ChildStack stack, command_stack;
  volatile StepFailure unused{0, 0, -1};
  // Without a pid namespace the command is this child, and caplint its parent (the parent-death check);
  // as PID 1 of a new one without an init, its parent is outside the namespace, where getppid() gives 0.
  pid_t parent = new_pid ? 0 : getpid();
  if (listener) listener->own_memory.store(true, std::memory_order_relaxed);
  IsolatedArgs args{ChildArgs{&plan, status.write.Get(), &unused, parent, listener}, &iso, go.read.Get(), procs_fds.data(),
                    static_cast<int>(procs_fds.size()), hold.read.Get(), command_stack.Top(), go.write.Get()};
  int pidfd = -1, pid = -1, clone_errno = 0;
  {
    BlockedSignals blocked;
    int saved = errno;
    if (cgroup_dir.Valid()) {
      pid = CloneInto(iso.clone_flags, cgroup_dir.Get(), &pidfd, &args);
      out.into_cgroup = pid > 0;
    }
    if (pid < 0) {
      if (cgroup_dir_procs.Valid()) {  // the child joins it with a write, after the others
        procs_fds.push_back(cgroup_dir_procs.Get());
        args.procs_fds = procs_fds.data();
        args.procs_count = static_cast<int>(procs_fds.size());
      }
      pid = clone(IsolatedMain, stack.Top(), static_cast<int>(iso.clone_flags) | CLONE_PIDFD | SIGCHLD, &args, &pidfd);
    }
    clone_errno = errno;
    errno = saved;
  }
  if (pid < 0) {
    out.failure = StepFailure{kStepNamespaces, clone_errno, -1};
    return out;
  }
  // Only now: a child forked from an undumpable caplint would be undumpable too, and its
  // /proc/PID/uid_map not writable by an unprivileged caplint. The command cannot run before
  // the go byte below. Released by the wait once the child is reaped, or below when it never ran.
  GuardParent();
  UniqueFd owned_pidfd(pidfd);
  status.write.Reset(), go.read.Reset(), hold.read.Reset();
  procs.clear(), cgroup_dir.Reset(), cgroup_dir_procs.Reset();
  out.pid = pid;
  if (iso.has_maps) {
    int which = WriteMaps(pid, iso);
    if (which >= 0) {
      out.failure = StepFailure{kStepIdMap, errno, which};
      syscall(SYS_pidfd_send_signal, owned_pidfd.Get(), SIGKILL, nullptr, 0);
      Reap(owned_pidfd.Get());
      UnguardParent();
      return out;
    }
  }
  // Before the command can run: how the recorder finds it (listener-slot.h).
  if (listener) (with_init ? listener->init_pid : listener->host_pid).store(pid, std::memory_order_release);
  (void)!write(go.write.Get(), "1", 1);  // a child already gone reports through the status pipe
  out.failure = ReadFailure(status.read.Get());
  go.write.Reset();  // only now: a command that is PID 1 watches it for the parent's death until its execve
  if (out.failure.step == kStepStarted) {
    out.ns_pid = out.failure.detail;
    out.failure = StepFailure{0, 0, -1};
  } else if (out.failure.step == 0 && with_init) {
    out.failure = StepFailure{kStepInit, ESRCH, -1};  // the init died before it could say so
  }
  if (out.failure.step == 0) {
    out.started = true;
    out.pidfd = owned_pidfd.Release();
    out.hold_fd = hold.write.Release();
    return out;
  }
  Reap(owned_pidfd.Get());
  UnguardParent();
  return out;
}

}  // namespace caplint

// Namespace, mount, network and cgroup set-up in the child, before the
// capability steps. Raw system calls only: the child is a copy of a
// multithreaded process (only this thread exists in it), so no allocation
// and no lock may be taken.
#include "isolated-child.h"

#include <errno.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "pid-init.h"

namespace caplint {
namespace {

long Mount(const char* source, const char* target, const char* type, unsigned long flags, const char* data) {
  return syscall(SYS_mount, source, target, type, flags, data);
}

// Keeps the flags a user namespace may not clear (nosuid, nodev, noexec, atime) on a read-only remount.
unsigned long KeptFlags(const char* path) {
  struct statfs fs {};
  if (syscall(SYS_statfs, path, &fs) != 0) return 0;
  unsigned long keep = 0;
  if (fs.f_flags & ST_NOSUID) keep |= MS_NOSUID;
  if (fs.f_flags & ST_NODEV) keep |= MS_NODEV;
  if (fs.f_flags & ST_NOEXEC) keep |= MS_NOEXEC;
  if (fs.f_flags & ST_NOATIME) keep |= MS_NOATIME;
  if (fs.f_flags & ST_NODIRATIME) keep |= MS_NODIRATIME;
  if (fs.f_flags & ST_RELATIME) keep |= MS_RELATIME;
  return keep;
}

void SetUpMounts(const IsolatedArgs& a) {
  const IsolationPlan& p = *a.iso;
  int fd = a.child.error_fd;
  if (Mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) ReportAndExit(fd, kStepMountPrivate, errno, -1);
  if (p.mount_proc && Mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr) != 0)
    ReportAndExit(fd, kStepMountProc, errno, -1);
  // As runc: read-only paths first, so a mask below one still goes on top of it.
  for (size_t i = 0; i < p.readonly_paths.size(); i++) {
    const char* path = p.readonly_paths[i].c_str();
    long rc = Mount(path, path, nullptr, MS_BIND | MS_REC, nullptr);
    if (rc != 0 && errno == ENOENT) continue;
    if (rc == 0) rc = Mount(nullptr, path, nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY | KeptFlags(path), nullptr);
    if (rc != 0) ReportAndExit(fd, kStepReadOnlyPath, errno, static_cast<int32_t>(i));
  }
  for (size_t i = 0; i < p.masked.size(); i++) {
    const MaskedPath& m = p.masked[i];
    const char* path = m.path.c_str();
    long rc = m.directory ? Mount("tmpfs", path, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=0")
                          : Mount("/dev/null", path, nullptr, MS_BIND, nullptr);
    if (rc != 0 && errno == ENOENT) continue;  // nothing there to hide
    if (rc == 0 && !m.directory) rc = Mount(nullptr, path, nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY | KeptFlags(path), nullptr);
    if (rc != 0) ReportAndExit(fd, kStepMaskPath, errno, static_cast<int32_t>(i));
  }
  if (p.read_only_root && Mount(nullptr, "/", nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY | KeptFlags("/"), nullptr) != 0)
    ReportAndExit(fd, kStepReadOnlyRoot, errno, -1);
}

// ip link set lo up, with the two ioctls ifconfig uses.
bool LoopbackUp() {
  long sock = syscall(SYS_socket, AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (sock < 0) return false;
  struct ifreq req {};
  req.ifr_name[0] = 'l', req.ifr_name[1] = 'o', req.ifr_name[2] = '\0';
  bool ok = syscall(SYS_ioctl, sock, SIOCGIFFLAGS, &req) == 0;
  if (ok) {
    req.ifr_flags = static_cast<short>(req.ifr_flags | IFF_UP | IFF_RUNNING);
    ok = syscall(SYS_ioctl, sock, SIOCSIFFLAGS, &req) == 0;
  }
  int saved = errno;
  syscall(SYS_close, sock);
  errno = saved;
  return ok;
}

}  // namespace

void WriteRecord(int fd, StepFailure record) {
  const char* p = reinterpret_cast<const char*>(&record);
  size_t left = sizeof record;
  while (left > 0) {
    long n = syscall(SYS_write, fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    p += n, left -= static_cast<size_t>(n);
  }
}

void ReportAndExit(int fd, int32_t step, int error, int32_t detail) {
  WriteRecord(fd, StepFailure{step, error, detail});
  syscall(SYS_exit_group, 125);
  __builtin_trap();
}

int IsolatedMain(void* raw) {
  const IsolatedArgs& a = *static_cast<const IsolatedArgs*>(raw);
  const IsolationPlan& p = *a.iso;
  int fd = a.child.error_fd;
  // Every signal is still blocked (the parent blocked them around the clone).
  syscall(SYS_prctl, PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
  syscall(SYS_close, a.go_write_fd);
  char go = 0;
  long n;
  while ((n = syscall(SYS_read, a.go_fd, &go, 1)) < 0 && errno == EINTR) {
  }
  if (n != 1) ReportAndExit(fd, kStepWaitParent, n == 0 ? ESRCH : errno, -1);
  // The command as PID 1 (--no-init) keeps the go pipe: its parent-death check (TieToParent) cannot use getppid().
  bool command_is_pid1 = (p.clone_flags & CLONE_NEWPID) && !p.init;
  if (!command_is_pid1) syscall(SYS_close, a.go_fd);
  for (int i = 0; i < a.procs_count; i++)
    if (syscall(SYS_write, a.procs_fds[i], "0", 1) != 1) ReportAndExit(fd, kStepCgroupJoin, errno, i);
  if (p.new_cgroup_ns && syscall(SYS_unshare, CLONE_NEWCGROUP) != 0) ReportAndExit(fd, kStepUnshareCgroup, errno, -1);
  if (p.clone_flags & CLONE_NEWNS) SetUpMounts(a);
  if ((p.clone_flags & CLONE_NEWNET) && !LoopbackUp()) ReportAndExit(fd, kStepLoopback, errno, -1);
  if (p.has_hostname && syscall(SYS_sethostname, p.hostname.data(), p.hostname.size()) != 0)
    ReportAndExit(fd, kStepHostname, errno, -1);
  if ((p.clone_flags & CLONE_NEWPID) && p.init) RunInit(a);
  // Otherwise this process runs the command: without a pid namespace, as caplint's child; with one and
  // no init, as PID 1 of it (the kernel kills the namespace when it exits).
  ChildArgs child = a.child;
  if (command_is_pid1) child.parent_fd = a.go_fd;
  return ChildMain(&child);
}

}  // namespace caplint

#include "child-guard.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <time.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace caplint {

bool FixStdio() {
  for (int fd = 0; fd <= 2; fd++) {
    long flags = syscall(SYS_fcntl, fd, F_GETFL);
    if (flags < 0 && errno != EBADF) return false;
    if (flags < 0) {
      long opened = syscall(SYS_openat, AT_FDCWD, "/dev/null", fd == 0 ? O_RDONLY : O_RDWR, 0);
      if (opened < 0) return false;
      if (opened != fd) {  // lower descriptors are open, so this only happens if one was closed meanwhile
        if (syscall(SYS_dup3, opened, fd, 0) < 0) return false;
        syscall(SYS_close, opened);
      }
      continue;
    }
    if ((flags & O_NONBLOCK) && syscall(SYS_fcntl, fd, F_SETFL, flags & ~O_NONBLOCK) != 0) return false;
  }
  return true;
}

bool TieToParent(pid_t parent, int parent_fd) {
  if (syscall(SYS_prctl, PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0) return false;
  struct pollfd fd {parent_fd, 0, 0};
  struct timespec now {0, 0};  // ppoll: aarch64 has no poll(2)
  bool gone = parent_fd >= 0 ? syscall(SYS_ppoll, &fd, 1, &now, nullptr, 0) != 0 : syscall(SYS_getppid) != parent;  // 0: no event, no hang-up
  if (gone) {
    errno = ESRCH;
    return false;
  }
  return true;
}

bool MarkPreExec() { return syscall(SYS_prctl, PR_SET_NAME, kPreExecComm, 0, 0, 0) == 0; }

}  // namespace caplint

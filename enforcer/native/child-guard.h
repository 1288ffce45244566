// Child-side guards that keep the launched program's stdio its own and tie
// its life to caplint's. Raw system calls only (the child shares the parent's
// memory until execve, see child.cc).
#pragma once
#include <sys/types.h>

namespace caplint {

// The name the child carries from the seccomp step until execve replaces it
// (at most 15 bytes). A child killed by SIGSYS while it still has this name
// died before its program ran (wait.cc reports it as such).
constexpr char kPreExecComm[] = "caplint-preexec";

// fds 0-2: one closed in the parent is opened on /dev/null (as libuv does);
// O_NONBLOCK, which Node leaves on pipes, is cleared (also as libuv does).
// False with errno set when a descriptor cannot be fixed.
bool FixStdio();

// PR_SET_PDEATHSIG(SIGKILL), then getppid() == parent closes the race with a
// parent that died before the prctl. Must run after any uid/gid change: the
// kernel clears the death signal when credentials change. False with errno
// set (ESRCH: the parent is already gone). A child whose parent is outside
// its pid namespace sees getppid() 0 either way: it passes `parent_fd`, the
// read end of a pipe only the parent still writes to, which hangs up once
// the parent is gone.
bool TieToParent(pid_t parent, int parent_fd = -1);

// Names the child kPreExecComm (PR_SET_NAME); false with errno on failure.
bool MarkPreExec();

}  // namespace caplint

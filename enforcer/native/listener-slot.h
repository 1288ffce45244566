// Where a recording child leaves its seccomp listener for the recorder.
//
// The child is cloned with CLONE_VM|CLONE_VFORK, so it writes into the
// parent's memory, but it has its own descriptor table: the listener that
// seccomp(SECCOMP_FILTER_FLAG_NEW_LISTENER) returns is a descriptor of the
// child's. The child cannot hand it over with sendmsg(SCM_RIGHTS) or wake
// anyone with a futex: once its filter is attached, those calls are notified
// and would wait for a supervisor that has no listener yet (the classic
// deadlock). So it makes no call at all: it stores its pid and the listener's
// number here, the recorder thread (which polls this slot) takes the
// descriptor with pidfd_getfd, and only then is the child's execve answered.
#pragma once
#include <atomic>

namespace caplint {

struct ListenerSlot {
  std::atomic<int> pid{0};
  std::atomic<int> fd{-1};          // set last: the pid is valid once this is >= 0
  std::atomic<bool> launch_over{false};  // clone returned: no listener will come if fd is still -1
};

static_assert(std::atomic<int>::is_always_lock_free, "the child writes the slot without locks");

}  // namespace caplint

// Where a recording child leaves its seccomp listener for the recorder.
//
// The listener that seccomp(SECCOMP_FILTER_FLAG_NEW_LISTENER) returns is a
// descriptor of the child's own. The child cannot hand it over with
// sendmsg(SCM_RIGHTS) or wake anyone with a futex: once its filter is
// attached, those calls are notified and would wait for a supervisor that
// has no listener yet (the classic deadlock). So it makes no call at all: it
// stores its pid and the listener's number here, the recorder thread (which
// polls this slot) takes the descriptor with pidfd_getfd, and only then is
// the child's execve answered.
//
// The slot lives in a MAP_SHARED page (SharedSlot), so every launch path
// reaches it: a plain launch's child shares caplint's memory (CLONE_VM), an
// isolated launch's child is forked, and under a pid namespace the command
// is the child of a forked init (spawn-isolated.cc, pid-init.cc).
//
// Under a pid namespace the pid the command stores is its pid inside the
// namespace, which means nothing to caplint. So an isolated launch stores,
// before the child may run, the pid it got from clone: the command's own
// (host_pid) when there is no init, else the init's (init_pid), and the
// recorder then finds the command as the init's only child whose NSpid ends
// in the stored pid (as enforcer/command-pid.ts does for run).
//
// pidfd_getfd needs ptrace access to the command. A command that shares
// memory with caplint or with the init has their dumpable flag, which both
// clear so the command cannot read them; without CAP_SYS_PTRACE that flag
// would stop the recorder. So a command with memory of its own
// (own_memory: every isolated launch; the init starts a recording command
// without CLONE_VM) sets its own memory dumpable just before its filter: that
// memory is a copy caplint's code runs in until execve, which replaces it and
// recomputes the flag. The plain launch keeps caplint's memory and lets the
// recorder make caplint dumpable for its one call (recorder.cc).
#pragma once
#include <sys/mman.h>

#include <atomic>
#include <new>

#include "plan.h"

namespace caplint {

struct ListenerSlot {
  std::atomic<int> pid{0};
  std::atomic<int> fd{-1};          // set last: the pid is valid once this is >= 0
  std::atomic<bool> launch_over{false};  // clone returned: no listener will come if fd is still -1
  std::atomic<bool> own_memory{false};   // set before the clone: the command does not share caplint's memory
  // Set before the child may run, at most one of them, as caplint sees the pids:
  std::atomic<int> init_pid{0};     // the command is the child of this pid namespace init
  std::atomic<int> host_pid{0};     // the command is this process (an isolated launch without an init)
  // The command's failed step, for an init that no longer shares the command's memory (pid-init.cc).
  volatile StepFailure command_failure{0, 0, -1};
};

static_assert(std::atomic<int>::is_always_lock_free, "the child writes the slot without locks");
static_assert(std::atomic<bool>::is_always_lock_free, "the child reads the slot without locks");

// A ListenerSlot in a page shared with every process forked from caplint.
class SharedSlot {
 public:
  SharedSlot() {
    void* page = mmap(nullptr, sizeof(ListenerSlot), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    slot_ = page == MAP_FAILED ? nullptr : new (page) ListenerSlot();
  }
  ~SharedSlot() {
    if (slot_ == nullptr) return;
    slot_->~ListenerSlot();
    munmap(slot_, sizeof(ListenerSlot));
  }
  SharedSlot(const SharedSlot&) = delete;
  SharedSlot& operator=(const SharedSlot&) = delete;
  ListenerSlot* Get() const { return slot_; }  // null when the page could not be mapped

 private:
  ListenerSlot* slot_;
};

}  // namespace caplint

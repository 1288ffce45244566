#include "parent-guard.h"

#include <signal.h>
#include <sys/prctl.h>

namespace caplint {
namespace {

constexpr int kMaxSignal = 65;  // signals are 1..64 on Linux
int holders = 0;
int saved_dumpable = 1;
struct sigaction saved_actions[kMaxSignal];

}  // namespace

void GuardParent() {
  if (holders++ == 0) {
    int now = prctl(PR_GET_DUMPABLE, 0, 0, 0, 0);
    saved_dumpable = now < 0 ? 1 : now;
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    for (int sig = SIGRTMIN; sig <= SIGRTMAX && sig < kMaxSignal; sig++) sigaction(sig, &ignore, &saved_actions[sig]);
  }
  prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);  // again each time: nothing else may have turned it back on meanwhile
}

void UnguardParent() {
  if (holders == 0 || --holders > 0) return;
  prctl(PR_SET_DUMPABLE, saved_dumpable, 0, 0, 0);
  for (int sig = SIGRTMIN; sig <= SIGRTMAX && sig < kMaxSignal; sig++) sigaction(sig, &saved_actions[sig], nullptr);
}

}  // namespace caplint

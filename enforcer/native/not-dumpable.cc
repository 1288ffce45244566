#include "not-dumpable.h"

#include <sys/prctl.h>

namespace caplint {
namespace {

int holders = 0;
int saved = 1;

}  // namespace

void HoldNotDumpable() {
  if (holders++ == 0) {
    int now = prctl(PR_GET_DUMPABLE, 0, 0, 0, 0);
    saved = now < 0 ? 1 : now;
  }
  prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);  // again each time: nothing else may have turned it back on meanwhile
}

void ReleaseNotDumpable() {
  if (holders > 0 && --holders == 0) prctl(PR_SET_DUMPABLE, saved, 0, 0, 0);
}

}  // namespace caplint

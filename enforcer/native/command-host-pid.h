// Finding a command under a pid namespace init as caplint sees it (for the
// recorder of `caplint learn`, listener-slot.h).
#pragma once

namespace caplint {

// The child of init_pid whose innermost pid (the last field of NSpid in
// /proc/PID/status) is ns_pid, read from /proc/INIT/task/INIT/children;
// 0 when none is.
int CommandHostPid(int init_pid, int ns_pid);

}  // namespace caplint

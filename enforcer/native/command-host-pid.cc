#include "command-host-pid.h"

#include <fstream>
#include <sstream>
#include <string>

namespace caplint {
namespace {

// The last field of NSpid in /proc/PID/status: the pid in its own (innermost) namespace.
int InnermostPid(int pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("NSpid:", 0) != 0) continue;
    std::istringstream fields(line.substr(6));
    int last = 0;
    for (int value; fields >> value;) last = value;
    return last;
  }
  return 0;
}

}  // namespace

int CommandHostPid(int init_pid, int ns_pid) {
  std::string task = "/proc/" + std::to_string(init_pid) + "/task/" + std::to_string(init_pid) + "/children";
  std::ifstream children(task);
  for (int pid; children >> pid;)
    if (InnermostPid(pid) == ns_pid) return pid;
  return 0;
}

}  // namespace caplint

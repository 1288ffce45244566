// Namespaces, id maps, mounts and cgroup membership of a launch: the part of
// the plan that needs the child to be a process of its own (see
// spawn-isolated.cc). TypeScript decides every value (enforcer/isolation-plan.ts).
#pragma once
#include <napi.h>

#include <cstdint>
#include <string>
#include <vector>

namespace caplint {

// Steps of an isolated launch. Numbered apart from enum Step (plan.h) so the
// two lists grow independently; they cross to TypeScript (ISOLATION_STEPS in
// enforcer/native-binding.ts). In the order they run:
enum IsolationStep : int32_t {
  kStepNamespaces = 100,     // parent: clone with the CLONE_NEW* flags
  kStepIdMap = 101,          // parent: setgroups deny, uid_map, gid_map (detail 0, 1, 2)
  kStepWaitParent = 102,     // child: the parent went away before the maps were written
  kStepCgroupJoin = 103,     // child: "0" into cgroup.procs (detail = index)
  kStepUnshareCgroup = 104,  // child: unshare(CLONE_NEWCGROUP), after the join
  kStepMountPrivate = 105,   // child: / made recursively private
  kStepMountProc = 106,      // child: a fresh /proc
  kStepReadOnlyRoot = 107,   // child: / remounted read-only
  kStepMaskPath = 108,       // child: a masked path covered (detail = index)
  kStepLoopback = 109,       // child: lo up (SIOCSIFFLAGS)
  kStepHostname = 110,       // child: sethostname
  kStepInit = 111,           // init: could not start the command under it
  kStepKilledBeforeExec = 112,  // init: the command died of SIGSYS before its execve completed
  kStepReadOnlyPath = 113,   // child: a read-only path bound onto itself (detail = index)
  kStepStarted = 120,        // not a failure: init started the command (detail = its pid in the namespace)
};

struct MaskedPath {
  std::string path;
  bool directory;  // tmpfs over a directory, /dev/null bound over a file
};

struct IsolationPlan {
  bool active = false;
  uint64_t clone_flags = 0;   // CLONE_NEW* made at clone (user, pid, mount, net, ipc, uts)
  bool new_cgroup_ns = false; // unshared after the cgroup join
  bool has_maps = false;
  std::string uid_map, gid_map;
  bool deny_setgroups = false;
  bool mount_proc = false;
  bool init = true;  // with CLONE_NEWPID: the minimal init is PID 1 (false: the command is)
  bool read_only_root = false;
  std::vector<MaskedPath> masked;
  std::vector<std::string> readonly_paths;
  bool has_hostname = false;
  std::string hostname;
  std::vector<std::string> cgroup_procs;  // opened O_WRONLY by the parent before the clone
  bool has_cgroup_dir = false;
  std::string cgroup_dir;  // a cgroup2 directory: clone3 CLONE_INTO_CGROUP, else its cgroup.procs joins the list
};

// plan.isolation (an object, or null/undefined for none). Throws Napi::TypeError naming the field.
IsolationPlan ReadIsolationPlan(const Napi::Object& plan);

}  // namespace caplint

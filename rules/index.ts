/** The built-in rules, sorted by id. */
import type { RuleDefinition } from '../engine/rule-api.js';
import capabilitiesNoAmbient from './capabilities/no-ambient.js';
import capabilitiesNoDangerous from './capabilities/no-dangerous.js';
import capabilitiesNoInheritable from './capabilities/no-inheritable.js';
import capabilitiesWithinBounding from './capabilities/within-bounding.js';
import cgroupsCpuLimit from './cgroups/cpu-limit.js';
import cgroupsMemoryLimit from './cgroups/memory-limit.js';
import cgroupsPidsLimit from './cgroups/pids-limit.js';
import devicesNoHostDevices from './devices/no-host-devices.js';
import kernelNamespacedSysctls from './kernel/namespaced-sysctls.js';
import liveMatchesConfig from './live/matches-config.js';
import liveReachableSyscalls from './live/reachable-syscalls.js';
import liveThreadCredentials from './live/thread-credentials.js';
import lsmProfile from './lsm/profile.js';
import mountsNoSensitiveHostPaths from './mounts/no-sensitive-host-paths.js';
import namespacesIdMappings from './namespaces/id-mappings.js';
import namespacesNoHostNamespaces from './namespaces/no-host-namespaces.js';
import namespacesNoJoined from './namespaces/no-joined.js';
import namespacesUserNamespace from './namespaces/user-namespace.js';
import privilegesMaskedPaths from './privileges/masked-paths.js';
import privilegesNoNewPrivileges from './privileges/no-new-privileges.js';
import privilegesNoRootWithoutUserns from './privileges/no-root-without-userns.js';
import privilegesReadOnlyRootfs from './privileges/read-only-rootfs.js';
import seccompArchitectures from './seccomp/architectures.js';
import seccompDefaultDeny from './seccomp/default-deny.js';
import seccompNoRiskySyscalls from './seccomp/no-risky-syscalls.js';
import seccompRequired from './seccomp/required.js';

export const BUILTIN_RULES: readonly RuleDefinition[] = [
  capabilitiesNoAmbient,
  capabilitiesNoDangerous,
  capabilitiesNoInheritable,
  capabilitiesWithinBounding,
  cgroupsCpuLimit,
  cgroupsMemoryLimit,
  cgroupsPidsLimit,
  devicesNoHostDevices,
  kernelNamespacedSysctls,
  liveMatchesConfig,
  liveReachableSyscalls,
  liveThreadCredentials,
  lsmProfile,
  mountsNoSensitiveHostPaths,
  namespacesIdMappings,
  namespacesNoHostNamespaces,
  namespacesNoJoined,
  namespacesUserNamespace,
  privilegesMaskedPaths,
  privilegesNoNewPrivileges,
  privilegesNoRootWithoutUserns,
  privilegesReadOnlyRootfs,
  seccompArchitectures,
  seccompDefaultDeny,
  seccompNoRiskySyscalls,
  seccompRequired,
];

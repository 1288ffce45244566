/** The built-in rules, sorted by id. */
import type { RuleDefinition } from '../engine/rule-api.js';
import capabilitiesNoAmbient from './capabilities/no-ambient.js';
import capabilitiesNoDangerous from './capabilities/no-dangerous.js';
import capabilitiesNoInheritable from './capabilities/no-inheritable.js';
import capabilitiesWithinBounding from './capabilities/within-bounding.js';
import caplintSuppression from './caplint/suppression.js';
import cgroupsCpuLimit from './cgroups/cpu-limit.js';
import cgroupsMemoryLimit from './cgroups/memory-limit.js';
import cgroupsPidsLimit from './cgroups/pids-limit.js';
import devicesNoHostDevices from './devices/no-host-devices.js';
import kernelNamespacedSysctls from './kernel/namespaced-sysctls.js';
import liveDifferences from './live/differences.js';
import liveMatchesConfig from './live/matches-config.js';
import liveReachableSyscalls from './live/reachable-syscalls.js';
import liveThreadCredentials from './live/thread-credentials.js';
import lsmProfile from './lsm/profile.js';
import mountsNoSensitiveHostPaths from './mounts/no-sensitive-host-paths.js';
import namespacesIdMappings from './namespaces/id-mappings.js';
import namespacesNoHostNamespaces from './namespaces/no-host-namespaces.js';
import namespacesNoJoined from './namespaces/no-joined.js';
import namespacesUserNamespace from './namespaces/user-namespace.js';
import policyCapabilities from './policy/capabilities.js';
import policyForbiddenSyscalls from './policy/forbidden-syscalls.js';
import policyNamespaces from './policy/namespaces.js';
import privilegesMaskedPaths from './privileges/masked-paths.js';
import privilegesNoNewPrivileges from './privileges/no-new-privileges.js';
import privilegesNoRootWithoutUserns from './privileges/no-root-without-userns.js';
import privilegesReadOnlyRootfs from './privileges/read-only-rootfs.js';
import pssApparmor from './pss/apparmor.js';
import pssCapabilitiesBaseline from './pss/capabilities-baseline.js';
import pssCapabilitiesRestricted from './pss/capabilities-restricted.js';
import pssHostNamespaces from './pss/host-namespaces.js';
import pssHostPathVolumes from './pss/host-path-volumes.js';
import pssHostPorts from './pss/host-ports.js';
import pssHostProbes from './pss/host-probes.js';
import pssHostProcess from './pss/host-process.js';
import pssPrivilegeEscalation from './pss/privilege-escalation.js';
import pssPrivileged from './pss/privileged.js';
import pssProcMount from './pss/proc-mount.js';
import pssProcMountRestricted from './pss/proc-mount-restricted.js';
import pssRunAsNonRoot from './pss/run-as-non-root.js';
import pssRunAsUser from './pss/run-as-user.js';
import pssSeccompBaseline from './pss/seccomp-baseline.js';
import pssSeccompRestricted from './pss/seccomp-restricted.js';
import pssSelinux from './pss/selinux.js';
import pssSysctls from './pss/sysctls.js';
import pssVolumeTypes from './pss/volume-types.js';
import seccompArchitectures from './seccomp/architectures.js';
import seccompDefaultDeny from './seccomp/default-deny.js';
import seccompNoRiskySyscalls from './seccomp/no-risky-syscalls.js';
import seccompRequired from './seccomp/required.js';

export const BUILTIN_RULES: readonly RuleDefinition[] = [
  capabilitiesNoAmbient,
  capabilitiesNoDangerous,
  capabilitiesNoInheritable,
  capabilitiesWithinBounding,
  caplintSuppression,
  cgroupsCpuLimit,
  cgroupsMemoryLimit,
  cgroupsPidsLimit,
  devicesNoHostDevices,
  kernelNamespacedSysctls,
  liveDifferences,
  liveMatchesConfig,
  liveReachableSyscalls,
  liveThreadCredentials,
  lsmProfile,
  mountsNoSensitiveHostPaths,
  namespacesIdMappings,
  namespacesNoHostNamespaces,
  namespacesNoJoined,
  namespacesUserNamespace,
  policyCapabilities,
  policyForbiddenSyscalls,
  policyNamespaces,
  privilegesMaskedPaths,
  privilegesNoNewPrivileges,
  privilegesNoRootWithoutUserns,
  privilegesReadOnlyRootfs,
  pssApparmor,
  pssCapabilitiesBaseline,
  pssCapabilitiesRestricted,
  pssHostNamespaces,
  pssHostPathVolumes,
  pssHostPorts,
  pssHostProbes,
  pssHostProcess,
  pssPrivilegeEscalation,
  pssPrivileged,
  pssProcMount,
  pssProcMountRestricted,
  pssRunAsNonRoot,
  pssRunAsUser,
  pssSeccompBaseline,
  pssSeccompRestricted,
  pssSelinux,
  pssSysctls,
  pssVolumeTypes,
  seccompArchitectures,
  seccompDefaultDeny,
  seccompNoRiskySyscalls,
  seccompRequired,
];

/**
 * Capabilities beyond a runtime's default set that open a path out of the
 * container, with the severity of that path and why (man 7 capabilities;
 * CIS Docker Benchmark 5.3; the escapes named).
 */
import type { Severity } from '../model/finding.js';

export interface CapabilityRisk {
  readonly severity: Severity;
  readonly why: string;
}

export const DANGEROUS_CAPABILITIES: ReadonlyMap<string, CapabilityRisk> = new Map<string, CapabilityRisk>([
  ['CAP_SYS_ADMIN', { severity: 'critical', why: 'mount, BPF, namespaces and dozens of other privileged operations: the classic container escape (cgroup release_agent, CVE-2022-0492)' }],
  ['CAP_SYS_MODULE', { severity: 'critical', why: 'loads code into the host kernel' }],
  ['CAP_SYS_RAWIO', { severity: 'critical', why: 'raw access to host memory and I/O ports (/dev/mem, iopl)' }],
  ['CAP_SYS_PTRACE', { severity: 'high', why: 'attaches to other processes and reads their memory; with a shared PID namespace, the host\'s' }],
  ['CAP_SYS_BOOT', { severity: 'high', why: 'reboots the host or loads a new kernel with kexec' }],
  ['CAP_DAC_READ_SEARCH', { severity: 'high', why: 'open_by_handle_at reads host files by handle (the "shocker" escape)' }],
  ['CAP_NET_ADMIN', { severity: 'high', why: 'reconfigures networking, firewalls and routes; a large kernel surface for exploits' }],
  ['CAP_BPF', { severity: 'high', why: 'loads BPF programs into the kernel; verifier bugs give kernel code execution' }],
  ['CAP_MAC_ADMIN', { severity: 'high', why: 'changes the AppArmor/SELinux policy that confines the container' }],
  ['CAP_MAC_OVERRIDE', { severity: 'high', why: 'bypasses the mandatory access control that confines the container' }],
  ['CAP_SYS_TIME', { severity: 'medium', why: 'sets the host clock, which is not namespaced' }],
  ['CAP_PERFMON', { severity: 'medium', why: 'perf_event_open exposes host performance data and kernel addresses' }],
  ['CAP_SYSLOG', { severity: 'medium', why: 'reads the kernel log, leaking kernel addresses that defeat KASLR' }],
  ['CAP_SETFCAP', { severity: 'medium', why: 'writes file capabilities, so a binary can regain privileges on execve' }],
  ['CAP_AUDIT_CONTROL', { severity: 'medium', why: 'changes the host audit configuration' }],
  ['CAP_SYS_PACCT', { severity: 'medium', why: 'switches host process accounting' }],
  ['CAP_CHECKPOINT_RESTORE', { severity: 'medium', why: 'sets PIDs and reads other processes\' state for checkpointing' }],
  ['CAP_IPC_OWNER', { severity: 'medium', why: 'bypasses permission checks on System V IPC objects' }],
  ['CAP_SYS_TTY_CONFIG', { severity: 'medium', why: 'reconfigures host terminals (vhangup)' }],
  ['CAP_LINUX_IMMUTABLE', { severity: 'low', why: 'changes immutable and append-only file flags' }],
  ['CAP_SYS_RESOURCE', { severity: 'low', why: 'overrides resource limits and quotas' }],
  ['CAP_SYS_NICE', { severity: 'low', why: 'raises scheduling priority and moves memory between NUMA nodes' }],
  ['CAP_WAKE_ALARM', { severity: 'low', why: 'sets alarms that wake the host from suspend' }],
  ['CAP_BLOCK_SUSPEND', { severity: 'low', why: 'keeps the host from suspending' }],
  ['CAP_AUDIT_READ', { severity: 'low', why: 'reads the host audit log over netlink' }],
  ['CAP_IPC_LOCK', { severity: 'low', why: 'locks memory, which can starve the host' }],
  ['CAP_NET_BROADCAST', { severity: 'low', why: 'broadcasts and listens to multicast' }],
  ['CAP_LEASE', { severity: 'low', why: 'takes leases on files it does not own' }],
]);

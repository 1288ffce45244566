/**
 * Syscalls a container profile should not allow, grouped by why. Sources:
 * man 2 of each call, man 7 capabilities, Docker's default profile, and the
 * CVEs named. Used by the audit rules, `seccomp explain` and the profiles.
 */
export type RiskGroup =
  | 'keyring' | 'time' | 'kernel-modules' | 'kexec-reboot' | 'host-state' | 'accounting'
  | 'kernel-log' | 'handle-open' | 'bpf' | 'perf' | 'userfaultfd' | 'cross-process'
  | 'personality' | 'raw-io' | 'mount' | 'namespaces' | 'io-uring' | 'numa' | 'fanotify' | 'obsolete';

export interface SyscallRisk {
  readonly group: RiskGroup;
  /** Not namespace-aware: the call acts on the host kernel whatever namespaces the caller is in. */
  readonly nonNamespaced: boolean;
  readonly why: string;
  /** The capability that normally gates it, if any. */
  readonly gatedBy?: string;
}

function group(names: readonly string[], risk: SyscallRisk): [string, SyscallRisk][] {
  return names.map((name) => [name, risk]);
}

export const SYSCALL_RISKS: ReadonlyMap<string, SyscallRisk> = new Map([
  ...group(['keyctl', 'add_key', 'request_key'], { group: 'keyring', nonNamespaced: true, why: 'the kernel keyring is not namespaced (CVE-2016-0728)' }),
  ...group(['clock_settime', 'clock_settime64', 'settimeofday', 'stime', 'adjtimex', 'clock_adjtime', 'clock_adjtime64'], { group: 'time', nonNamespaced: true, why: 'the system clock is not namespaced', gatedBy: 'CAP_SYS_TIME' }),
  ...group(['init_module', 'finit_module', 'delete_module', 'create_module', 'query_module', 'get_kernel_syms'], { group: 'kernel-modules', nonNamespaced: true, why: 'loads or removes code in the host kernel', gatedBy: 'CAP_SYS_MODULE' }),
  ...group(['kexec_load', 'kexec_file_load', 'reboot'], { group: 'kexec-reboot', nonNamespaced: true, why: 'replaces or reboots the host kernel', gatedBy: 'CAP_SYS_BOOT' }),
  ...group(['swapon', 'swapoff', 'quotactl', 'quotactl_fd', 'lookup_dcookie'], { group: 'host-state', nonNamespaced: true, why: 'changes host-wide swap, quota or tracing state', gatedBy: 'CAP_SYS_ADMIN' }),
  ...group(['acct'], { group: 'accounting', nonNamespaced: true, why: 'switches host process accounting', gatedBy: 'CAP_SYS_PACCT' }),
  ...group(['syslog'], { group: 'kernel-log', nonNamespaced: true, why: 'reads the kernel log, which leaks kernel addresses', gatedBy: 'CAP_SYSLOG' }),
  ...group(['open_by_handle_at'], { group: 'handle-open', nonNamespaced: true, why: 'opens host inodes by file handle (the "shocker" breakout)', gatedBy: 'CAP_DAC_READ_SEARCH' }),
  ...group(['bpf'], { group: 'bpf', nonNamespaced: true, why: 'loads programs into the kernel; verifier bugs give kernel code execution', gatedBy: 'CAP_BPF' }),
  ...group(['perf_event_open'], { group: 'perf', nonNamespaced: true, why: 'exposes host performance data and a large kernel surface', gatedBy: 'CAP_PERFMON' }),
  ...group(['userfaultfd'], { group: 'userfaultfd', nonNamespaced: true, why: 'stalls the kernel at a page fault to win races in exploits' }),
  ...group(['ptrace', 'process_vm_readv', 'process_vm_writev', 'kcmp', 'pidfd_getfd', 'process_madvise'], { group: 'cross-process', nonNamespaced: false, why: 'reads or changes other processes (ptrace bypassed seccomp before Linux 4.8)', gatedBy: 'CAP_SYS_PTRACE' }),
  ...group(['personality'], { group: 'personality', nonNamespaced: false, why: 'flags such as READ_IMPLIES_EXEC weaken exploit mitigations; allow only a few values' }),
  ...group(['iopl', 'ioperm'], { group: 'raw-io', nonNamespaced: true, why: 'raw I/O port access to host hardware', gatedBy: 'CAP_SYS_RAWIO' }),
  ...group(['mount', 'umount', 'umount2', 'pivot_root', 'fsopen', 'fsconfig', 'fsmount', 'fspick', 'move_mount', 'open_tree', 'mount_setattr'], { group: 'mount', nonNamespaced: false, why: 'changes the mount table; reachable through user namespaces (CVE-2022-0185)', gatedBy: 'CAP_SYS_ADMIN' }),
  ...group(['unshare', 'setns'], { group: 'namespaces', nonNamespaced: false, why: 'new namespaces expose much more of the kernel (CVE-2022-0185, CVE-2022-0492)', gatedBy: 'CAP_SYS_ADMIN' }),
  ...group(['io_uring_setup', 'io_uring_enter', 'io_uring_register'], { group: 'io-uring', nonNamespaced: false, why: 'io_uring operations bypass seccomp entirely' }),
  ...group(['move_pages', 'mbind', 'set_mempolicy', 'get_mempolicy', 'migrate_pages'], { group: 'numa', nonNamespaced: true, why: 'changes host NUMA memory placement', gatedBy: 'CAP_SYS_NICE' }),
  ...group(['fanotify_init'], { group: 'fanotify', nonNamespaced: true, why: 'monitors whole filesystems', gatedBy: 'CAP_SYS_ADMIN' }),
  ...group(['vm86', 'vm86old', 'uselib', 'ustat', 'sysfs', '_sysctl', 'nfsservctl'], { group: 'obsolete', nonNamespaced: true, why: 'obsolete or x86-32 only; no modern workload needs it' }),
]);

/**
 * Calls whose danger is in their arguments: allowed only when a filter
 * checks them (clone without CLONE_NEW* flags, socket without AF_ALG/AF_VSOCK).
 */
export const ARGUMENT_GATED: ReadonlyMap<string, string> = new Map([
  ['clone', 'namespace flags (CLONE_NEWUSER, CLONE_NEWNS, ...) create new namespaces'],
  ['clone3', 'its flags live in memory a filter cannot read; answer ENOSYS so libc falls back to clone'],
  ['socket', 'AF_ALG (kernel crypto API) and AF_VSOCK (host vsock) widen the attack surface'],
  ['socketcall', 'on i386 the socket arguments are behind a pointer a filter cannot read'],
]);

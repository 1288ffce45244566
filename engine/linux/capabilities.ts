/**
 * Linux capability facts (linux/capability.h). Names are canonical
 * `CAP_`-prefixed upper case; bits past the table are named `CAP_<n>`.
 */
export const CAPABILITY_NAMES: readonly string[] = [
  'CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_DAC_READ_SEARCH', 'CAP_FOWNER', 'CAP_FSETID',
  'CAP_KILL', 'CAP_SETGID', 'CAP_SETUID', 'CAP_SETPCAP', 'CAP_LINUX_IMMUTABLE',
  'CAP_NET_BIND_SERVICE', 'CAP_NET_BROADCAST', 'CAP_NET_ADMIN', 'CAP_NET_RAW', 'CAP_IPC_LOCK',
  'CAP_IPC_OWNER', 'CAP_SYS_MODULE', 'CAP_SYS_RAWIO', 'CAP_SYS_CHROOT', 'CAP_SYS_PTRACE',
  'CAP_SYS_PACCT', 'CAP_SYS_ADMIN', 'CAP_SYS_BOOT', 'CAP_SYS_NICE', 'CAP_SYS_RESOURCE',
  'CAP_SYS_TIME', 'CAP_SYS_TTY_CONFIG', 'CAP_MKNOD', 'CAP_LEASE', 'CAP_AUDIT_WRITE',
  'CAP_AUDIT_CONTROL', 'CAP_SETFCAP', 'CAP_MAC_OVERRIDE', 'CAP_MAC_ADMIN', 'CAP_SYSLOG',
  'CAP_WAKE_ALARM', 'CAP_BLOCK_SUSPEND', 'CAP_AUDIT_READ', 'CAP_PERFMON', 'CAP_BPF',
  'CAP_CHECKPOINT_RESTORE',
];

/** Highest capability bit this table names (40 on kernels >= 5.9). */
export const LAST_KNOWN_CAP = CAPABILITY_NAMES.length - 1;

const BIT_OF = new Map<string, number>(CAPABILITY_NAMES.map((name, bit) => [name, bit]));

/** Docker's and containerd's default set (0xa80425fb). */
export const RUNTIME_DEFAULT_CAPS: readonly string[] = [
  'CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_FOWNER', 'CAP_FSETID', 'CAP_KILL', 'CAP_SETGID',
  'CAP_SETUID', 'CAP_SETPCAP', 'CAP_NET_BIND_SERVICE', 'CAP_NET_RAW', 'CAP_SYS_CHROOT',
  'CAP_MKNOD', 'CAP_AUDIT_WRITE', 'CAP_SETFCAP',
];

export function capabilityName(bit: number): string {
  return CAPABILITY_NAMES[bit] ?? `CAP_${bit}`;
}

/** Bit number of a canonical name (`CAP_SYS_ADMIN` or `CAP_41`), or undefined. */
export function capabilityBit(name: string): number | undefined {
  const known = BIT_OF.get(name);
  if (known !== undefined) return known;
  const m = /^CAP_(\d{1,2})$/.exec(name);
  return m ? Number(m[1]) : undefined;
}

/**
 * Canonical form of a name as users write it: `sys_admin`, `SYS_ADMIN`,
 * `cap_sys_admin`. Returns undefined for names that are not capabilities.
 */
export function normaliseCapability(written: string): string | undefined {
  const upper = written.trim().toUpperCase();
  const name = upper.startsWith('CAP_') ? upper : `CAP_${upper}`;
  return BIT_OF.has(name) ? name : undefined;
}

export function isAllKeyword(written: string): boolean {
  return written.trim().toUpperCase() === 'ALL';
}

/** Sort canonical names by bit so sets print in kernel order. */
export function sortCapabilities(names: Iterable<string>): string[] {
  return [...new Set(names)].sort((a, b) => (capabilityBit(a) ?? 999) - (capabilityBit(b) ?? 999));
}

export function maskOf(names: Iterable<string>): bigint {
  let mask = 0n;
  for (const name of names) {
    const bit = capabilityBit(name);
    if (bit !== undefined) mask |= 1n << BigInt(bit);
  }
  return mask;
}

/** Names of the bits set in `mask`, limited to bits 0..lastCap (never dropped: unknown bits become CAP_<n>). */
export function namesOfMask(mask: bigint, lastCap = 63): string[] {
  const names: string[] = [];
  for (let bit = 0; bit <= lastCap; bit++) if ((mask >> BigInt(bit)) & 1n) names.push(capabilityName(bit));
  return names;
}

export function fullMask(lastCap: number): bigint {
  return (1n << BigInt(lastCap + 1)) - 1n;
}

export function allCapabilities(lastCap = LAST_KNOWN_CAP): string[] {
  return namesOfMask(fullMask(lastCap), lastCap);
}

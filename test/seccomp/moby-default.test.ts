import { beforeAll, describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { profileSource } from '../../engine/seccomp/profile/load.js';
import { analyseProfile } from '../../engine/seccomp/analyse.js';
import { RUNTIME_DEFAULT_CAPS } from '../../engine/linux/capabilities.js';
import { syscallNumber } from '../../engine/linux/syscalls/index.js';
import { sharedPath, available } from '../helpers/skip.js';
import { ALLOW, EPERM, ENOSYS } from './helpers.js';

const file = sharedPath('seccomp/moby-default.json');
const present = available("resolution of Docker's default profile", file);

type Analysis = ReturnType<typeof analyseProfile>;

// The describe body runs even when skipped, so the profile is read only in beforeAll.
describe.skipIf(!present)("Docker's default profile", () => {
  let source: ReturnType<typeof profileSource>;
  let sysAdminGroup: string[];
  let withoutAdmin: Analysis;
  let withAdmin: Analysis;
  beforeAll(() => {
    source = profileSource('moby-default.json', readFileSync(file, 'utf8'));
    const doc = source.document as { syscalls: { names: string[]; includes?: { caps?: string[] } }[] };
    sysAdminGroup = doc.syscalls.find((s) => s.includes?.caps?.length === 1 && s.includes.caps[0] === 'CAP_SYS_ADMIN')!.names;
    withoutAdmin = analyseProfile(source, { caps: RUNTIME_DEFAULT_CAPS, kernel: '6.1.0-13-amd64' });
    withAdmin = analyseProfile(source, { caps: [...RUNTIME_DEFAULT_CAPS, 'CAP_SYS_ADMIN'], kernel: '6.1.0-13-amd64' });
  });

  it('is read as Docker format and covers x86_64, i386 and x32 through archMap', () => {
    expect(source.format).toBe('docker');
    expect(withoutAdmin.table.arches.map((a) => a.arch)).toEqual(['x86_64', 'i386', 'x32']);
    expect(withoutAdmin.native.defaultAction).toEqual(EPERM);
  });

  it('allows the 26 CAP_SYS_ADMIN syscalls only with CAP_SYS_ADMIN', () => {
    expect(sysAdminGroup).toHaveLength(26);
    const onX86 = sysAdminGroup.filter((n) => syscallNumber('x86_64', n) !== undefined);
    expect(onX86.length).toBeGreaterThanOrEqual(24);
    for (const name of onX86) {
      expect(withAdmin.verdict(name), name).toBe('allow');
      expect(withoutAdmin.verdict(name), name).not.toBe('allow');
    }
  });

  it('gates clone by MASKED_EQ on the namespace flags without CAP_SYS_ADMIN', () => {
    expect(withoutAdmin.entry('clone')?.rules).toEqual([
      { when: [{ index: 0, op: 'MASKED_EQ', value: 0x7e020000n, valueTwo: 0n }], action: ALLOW },
    ]);
    expect(withoutAdmin.verdict('clone')).toBe('conditional');
    expect(withoutAdmin.check('clone', [0x11n])).toEqual(ALLOW);
    expect(withoutAdmin.check('clone', [0x10000000n | 0x11n])).toEqual(EPERM);
    expect(withAdmin.entry('clone')?.rules).toEqual([{ when: [], action: ALLOW }]);
  });

  it('answers clone3 with ENOSYS without CAP_SYS_ADMIN', () => {
    expect(withoutAdmin.check('clone3')).toEqual(ENOSYS);
    expect(withAdmin.check('clone3')).toEqual(ALLOW);
  });

  it('denies the non-namespaced keyring and module calls either way', () => {
    for (const name of ['keyctl', 'add_key', 'request_key', 'init_module', 'kexec_load', 'open_by_handle_at']) {
      expect(withAdmin.verdict(name), name).toBe('deny');
    }
  });

  it('allows ptrace from kernel 4.8 only (minKernel)', () => {
    expect(withoutAdmin.verdict('ptrace')).toBe('allow');
    expect(analyseProfile(source, { caps: RUNTIME_DEFAULT_CAPS, kernel: '4.4.0' }).verdict('ptrace')).toBe('deny');
  });

  it('allows socket except AF_ALG and AF_VSOCK, and socketcall through the i386 ABI only', () => {
    expect(withoutAdmin.check('socket', [2n])).toEqual(ALLOW);
    expect(withoutAdmin.check('socket', [38n])).toEqual(EPERM);
    expect(withoutAdmin.check('socket', [40n])).toEqual(EPERM);
    expect(withoutAdmin.entry('socketcall')).toBeUndefined();
    expect(withoutAdmin.table.arches[1]!.syscalls.some((e) => e.name === 'socketcall')).toBe(true);
    expect(withoutAdmin.verdict('socketcall')).toBe('allow');
    expect(withoutAdmin.verdict('riscv_flush_icache')).toBe('unknown-name');
  });
});

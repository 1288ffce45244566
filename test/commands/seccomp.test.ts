import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeProgram } from '../../enforcer/bpf/types.js';
import { emulate } from '../../enforcer/bpf/emulate.js';
import { AUDIT_ARCH } from '../../engine/seccomp/types.js';
import { caplint } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'caplint-seccomp-'));
const write = (name: string, text: string) => (writeFileSync(join(dir, name), text), join(dir, name));
const allowRead = write('allow-read.json', JSON.stringify({ defaultAction: 'SCMP_ACT_ERRNO', syscalls: [{ names: ['read', 'keyctl'], action: 'SCMP_ACT_ALLOW' }] }, null, 2));
const allowWrite = write('allow-write.json', JSON.stringify({ defaultAction: 'SCMP_ACT_ERRNO', syscalls: [{ names: ['write', 'keyctl'], action: 'SCMP_ACT_ALLOW' }] }, null, 2));

describe('caplint seccomp compile', () => {
  it('writes the raw struct sock_filter[] bytes the emulator accepts', async () => {
    const out = join(dir, 'f.bpf');
    const ran = await caplint(['seccomp', 'compile', allowRead, '--format', 'bpf', '--output', out]);
    expect(ran).toMatchObject({ code: 0, stderr: '' });
    const program = decodeProgram(readFileSync(out));
    expect(emulate(program, { arch: AUDIT_ARCH.x86_64, nr: 0, args: [] }).action).toEqual({ kind: 'allow' });
    expect(emulate(program, { arch: AUDIT_ARCH.x86_64, nr: 1, args: [] }).action).toEqual({ kind: 'errno', errno: 1 });
  });

  it('prints a listing by default and JSON on request', async () => {
    const listing = await caplint(['seccomp', 'compile', 'strict']);
    expect(listing.code).toBe(0);
    expect(listing.stdout).toMatch(/^; strict: x86_64, i386, x32; \d+ instructions$/m);
    expect(listing.stdout).toContain('jeq  #0xc000003e');
    const json = await caplint(['seccomp', 'compile', allowRead, '--format', 'json', '--arch', 'aarch64']);
    const parsed = JSON.parse(json.stdout) as { arches: string[]; length: number; program: unknown[] };
    expect(parsed.arches).toEqual(['aarch64']);
    expect(parsed.program).toHaveLength(parsed.length);
  });

  it('refuses --format bpf to the terminal and unknown formats (exit 2)', async () => {
    expect(await caplint(['seccomp', 'compile', allowRead, '--format', 'bpf'])).toMatchObject({ code: 2, stderr: 'caplint: --format bpf writes binary: give --output FILE\n' });
    expect((await caplint(['seccomp', 'compile', allowRead, '--format', 'elf'])).stderr).toContain('--format must be one of disasm, bpf, json; got "elf"');
  });
});

describe('caplint seccomp check', () => {
  it('prints the action and the instructions executed', async () => {
    const ran = await caplint(['seccomp', 'check', 'default', '--syscall', 'clone', '--args', '0x10000000']);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/^clone \(x86_64 nr 56, args 0x10000000\): ERRNO\(1\) EPERM after \d+ of \d+ instructions\n$/);
    const ok = await caplint(['seccomp', 'check', 'default', '--syscall', 'clone', '--args', '17', '--format', 'json']);
    expect(JSON.parse(ok.stdout)).toMatchObject({ syscall: 'clone', nr: 56, action: 'ALLOW', value: 0x7fff0000 });
  });

  it('checks another ABI of the host: allowed through archMap, or a foreign architecture', async () => {
    expect((await caplint(['seccomp', 'check', 'default', '--syscall', 'read', '--arch', 'i386'])).stdout).toMatch(/^read \(i386 nr 3\): ALLOW after \d+/);
    // An OCI profile without architectures filters only the native one: i386 gets the bad-arch action.
    expect((await caplint(['seccomp', 'check', allowRead, '--syscall', 'read', '--arch', 'i386'])).stdout).toBe('read (i386 nr 3): KILL_THREAD after 3 of 13 instructions\n');
  });

  it('names a bad syscall or argument in one sentence (exit 2)', async () => {
    expect(await caplint(['seccomp', 'check', 'default', '--syscall', 'redd'])).toMatchObject({ code: 2, stderr: 'caplint: "redd" is not a syscall (did you mean read?)\n' });
    expect((await caplint(['seccomp', 'check', 'default', '--syscall', 'read', '--args', '1,zz'])).stderr).toBe('caplint: --args: argument 1 "zz" is not a number (decimal or 0x hex)\n');
    expect((await caplint(['seccomp', 'check', 'default', '--syscall', 'read', '--args', String(1n << 64n)])).stderr).toContain('does not fit 64 bits');
  });
});

describe('caplint seccomp explain', () => {
  it('calls out allowed syscalls that are not namespaced', async () => {
    const ran = await caplint(['seccomp', 'explain', allowRead]);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain('Not namespaced, yet allowed (they act on the host kernel): keyctl');
    expect(ran.stdout).toMatch(/! keyring +keyctl: the kernel keyring is not namespaced/);
    const json = JSON.parse((await caplint(['seccomp', 'explain', allowRead, '--format', 'json'])).stdout) as { allowed: string[]; nonNamespaced: string[] };
    expect(json.allowed).toEqual(['read', 'keyctl']);
    expect(json.nonNamespaced).toEqual(['keyctl']);
  });

  it('lists argument conditions', async () => {
    const ran = await caplint(['seccomp', 'explain', 'default']);
    expect(ran.stdout).toContain('args[0] & 0x7e020000 == 0x0 → ALLOW');
  });
});

describe('caplint seccomp diff', () => {
  it('lists the syscalls whose action differs and exits 1', async () => {
    const ran = await caplint(['seccomp', 'diff', allowRead, allowWrite]);
    expect(ran.code).toBe(1);
    expect(ran.stdout).toContain('x86_64: 2 syscalls differ');
    expect(ran.stdout).toMatch(/ read +ALLOW  →  ERRNO\(1\) EPERM/);
    expect(ran.stdout).toMatch(/ write +ERRNO\(1\) EPERM  →  ALLOW/);
  });

  it('exits 0 when the filters agree', async () => {
    expect(await caplint(['seccomp', 'diff', allowRead, allowRead])).toMatchObject({ code: 0, stdout: expect.stringContaining('give every syscall the same action') });
  });
});

describe('errors', () => {
  it('places a profile error at file:line:column (exit 2)', async () => {
    const bad = write('bad.json', '{\n  "defaultAction": "SCMP_ACT_ERRNO",\n  "syscalls": [{ "names": ["read"], "action": "SCMP_ACT_NOPE" }]\n}\n');
    const ran = await caplint(['seccomp', 'compile', bad]);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(new RegExp(`^caplint: ${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:\\d+: "SCMP_ACT_NOPE" is not a seccomp action`));
  });

  it('names a missing file, a missing PROFILE, an unknown subcommand', async () => {
    expect((await caplint(['seccomp', 'explain', 'nope.json'])).stderr).toBe('caplint: nope.json: cannot read the profile: no such file or directory\n');
    expect((await caplint(['seccomp', 'explain'])).stderr).toContain('give a PROFILE');
    expect(await caplint(['seccomp', 'compil', 'default'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown subcommand "compil" (did you mean compile?)') });
    expect((await caplint(['seccomp', 'compile', 'default', '--arch', 'x86'])).stderr).toContain('--arch must be one of x86_64, i386, x32, aarch64; got "x86"');
    expect((await caplint(['seccomp', 'compile', 'default', '--caps', 'SYS_ADMN'])).stderr).toContain('"SYS_ADMN" is not a capability (did you mean CAP_SYS_ADMIN?)');
  });

  it('reports a filter past BPF_MAXINSNS with the profile named', async () => {
    const rules = Array.from({ length: 300 }, (_, i) => ({ names: ['read', 'write', 'close', 'fstat'], action: 'SCMP_ACT_ALLOW', args: [{ index: 0, value: i, op: 'SCMP_CMP_EQ' }, { index: 1, value: 2 ** 40 + i, op: 'SCMP_CMP_GT' }] }));
    const big = write('big.json', JSON.stringify({ defaultAction: 'SCMP_ACT_ERRNO', syscalls: rules }));
    const ran = await caplint(['seccomp', 'compile', big]);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(/^caplint: .*big\.json: the compiled filter has \d+ instructions; the kernel accepts at most 4096 \(BPF_MAXINSNS\)/);
  });

  it('prints its help', async () => {
    expect((await caplint(['seccomp', '--help'])).stdout).toContain('compile PROFILE');
    expect((await caplint(['--help'])).stdout).toContain('seccomp SUB PROFILE');
  });
});

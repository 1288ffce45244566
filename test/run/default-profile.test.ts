/**
 * caplint's real default profile, compiled and attached by `caplint run`:
 * every non-namespaced syscall of the risk catalogue fails with EPERM from a
 * real process, the famous escapes fail, and ordinary work still succeeds.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../engine/cli/main.js';
import { SYSCALL_RISKS } from '../../engine/linux/syscall-risk.js';
import { syscallNumber } from '../../engine/linux/syscalls/index.js';
import { IS_ROOT, ROOT_SKIP_REASON, buildProbe } from '../helpers/probe.js';
import type { Probe } from '../helpers/probe.js';
import { recordingIo } from '../helpers/io.js';

const isX86 = process.arch === 'x64';
if (!IS_ROOT || !isX86) console.warn(`default-profile: skipped, ${!IS_ROOT ? ROOT_SKIP_REASON : 'the syscall numbers below are x86_64 ones'}`);

const NON_NAMESPACED = [...SYSCALL_RISKS].filter(([, risk]) => risk.nonNamespaced).map(([name]) => name);

describe.skipIf(!IS_ROOT || !isX86)('caplint run --profile default (root, x86_64)', () => {
  let probe: Probe;
  beforeAll(() => void (probe = buildProbe()));
  afterAll(() => probe.cleanup());

  async function caplint(args: string[]): Promise<{ code: number; err: string }> {
    const io = recordingIo(probe.dir);
    const code = await main(['run', ...args], io);
    return { code, err: io.err.join('') };
  }

  function results(name: string): Map<number, string> {
    return new Map(probe.read(name).trim().split('\n').map((line) => {
      const [nr, ...rest] = line.split(' ');
      return [Number(nr), rest.join(' ')] as const;
    }));
  }

  it('denies every non-namespaced syscall of the risk catalogue with EPERM', async () => {
    const numbers = NON_NAMESPACED.map((name) => [name, syscallNumber('x86_64', name)] as const).filter((e): e is readonly [string, number] => e[1] !== undefined);
    expect(numbers.length).toBeGreaterThan(25);
    const nrs = numbers.map(([, nr]) => String(nr));
    const filtered = await caplint(['--profile', 'default', '--', probe.binary, '-o', probe.outFile('filtered'), 'calls', ...nrs]);
    const free = await caplint(['--profile', 'default', '--seccomp', 'unconfined', '--', probe.binary, '-o', probe.outFile('free'), 'calls', ...nrs]);
    expect([filtered, free]).toEqual([{ code: 0, err: '' }, { code: 0, err: '' }]);
    const withFilter = results('filtered');
    const without = results('free');
    const notDenied = numbers.filter(([, nr]) => withFilter.get(nr) !== 'errno 1').map(([name, nr]) => `${name}: ${withFilter.get(nr)}`);
    expect(notDenied).toEqual([]);
    // The same calls without the filter (same capabilities) mostly fail otherwise: EPERM above came from the filter.
    const differs = numbers.filter(([, nr]) => without.get(nr) !== 'errno 1');
    expect(differs.length).toBeGreaterThanOrEqual(10);
  });

  it('makes unshare -U, mount, keyctl, ptrace attach and kexec_load fail', async () => {
    const calls = [
      ['keyctl', syscallNumber('x86_64', 'keyctl')!, '0'],
      ['mount', syscallNumber('x86_64', 'mount')!, '0'],
      ['kexec_load', syscallNumber('x86_64', 'kexec_load')!, '0'],
      ['ptrace attach', syscallNumber('x86_64', 'ptrace')!, '16', String(process.pid)],
    ] as const;
    for (const [label, nr, ...args] of calls) {
      const out = probe.outFile(`escape-${nr}`);
      await caplint(['--profile', 'default', '--', probe.binary, '-o', out, 'call', String(nr), ...args]);
      expect(`${label}: ${probe.read(`escape-${nr}`)}`).toBe(`${label}: errno 1\n`);
    }
    const unshare = await caplint(['--profile', 'default', '--', 'unshare', '-U', 'true']);
    expect(unshare.code).not.toBe(0);
    const control = spawnSync('unshare', ['-U', 'true']);
    expect(control.status).toBe(0); // it works outside the filter on this machine
  });

  it('lets ordinary work through: files, a socket, a thread, execve of a child', async () => {
    const r = await caplint(['--profile', 'default', '--', probe.binary, '-o', probe.outFile('work'), 'work']);
    expect(r).toEqual({ code: 0, err: '' });
    expect(probe.read('work')).toBe('ok\n');
  });

  it('confines the i386 and x32 ABIs by their own tables (keyctl through int $0x80 or x32 fails)', async () => {
    const i386Keyctl = 288;
    const r = await caplint(['--profile', 'default', '--', probe.binary, '-o', probe.outFile('i386-keyctl'), 'i386', String(i386Keyctl)]);
    expect(r.code).toBe(0);
    expect(probe.read('i386-keyctl')).toBe('errno 1\n');
    // x32 (off in most kernels: ENOSYS without a filter) is stopped by the filter before the kernel looks.
    await caplint(['--profile', 'default', '--', probe.binary, '-o', probe.outFile('x32-keyctl'), 'x32', '250']);
    expect(probe.read('x32-keyctl')).toBe('errno 1\n');
  });

  it('restricted keeps no capability and still runs a shell', async () => {
    const r = await caplint(['--profile', 'restricted', '--', probe.binary, '-o', probe.outFile('restricted'), 'status']);
    expect(r).toEqual({ code: 0, err: '' });
    expect(probe.read('restricted')).toMatch(/CapBnd:\s+0000000000000000\n/);
  });
});

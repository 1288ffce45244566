/**
 * `caplint ps --containers` against real runc containers: a tiny bundle made
 * from a static busybox, one container with `runc spec`'s default config and
 * one hardened, then a change to what a bundle declares.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, mkdirSync, openSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caplint as runCli } from '../helpers/cli.js';
import { haveTool } from '../helpers/processes.js';

const BUSYBOX = ['/bin/busybox', '/usr/bin/busybox'].find((p) => spawnSync(p, ['true']).status === 0);
const why = process.getuid?.() !== 0 ? 'needs root to start runc containers'
  : !haveTool('runc') ? 'runc is not installed (Debian package runc)'
    : BUSYBOX === undefined ? 'busybox is not installed (Debian package busybox-static)'
      : '';
if (why) console.warn(`SKIPPED: runc container tests because ${why}`);

const ids = { plain: `caplint-t15-${process.pid}-plain`, hard: `caplint-t15-${process.pid}-hard`, open: `caplint-t15-${process.pid}-open` };
let dir = '';

/** runc, its output in a file: a detached container keeps runc's stdio open, so pipes would never close. */
function runc(...args: string[]): void {
  const log = join(dir, 'runc.log');
  const fd = openSync(log, 'w');
  try {
    const r = spawnSync('runc', args, { stdio: ['ignore', fd, fd], timeout: 30_000 });
    if (r.status !== 0) throw new Error(`runc ${args.join(' ')}: ${readFileSync(log, 'utf8') || r.error?.message}`);
  } finally {
    closeSync(fd);
  }
}

/** A bundle: busybox and its applets as symlinks, `runc spec` edited by `change`. */
function bundle(name: string, change: (spec: Record<string, any>) => void): string {
  const root = join(dir, name);
  mkdirSync(join(root, 'rootfs/bin'), { recursive: true });
  copyFileSync(BUSYBOX!, join(root, 'rootfs/bin/busybox'));
  for (const applet of ['sh', 'sleep']) symlinkSync('busybox', join(root, 'rootfs/bin', applet));
  runc('spec', '--bundle', root);
  const spec = JSON.parse(readFileSync(join(root, 'config.json'), 'utf8')) as Record<string, any>;
  spec.process.terminal = false;
  spec.process.args = ['sleep', '100000'];
  change(spec);
  writeFileSync(join(root, 'config.json'), JSON.stringify(spec, null, 2));
  return root;
}

const HARD_CAPS = ['CAP_NET_BIND_SERVICE'];

interface PsJson {
  subjects: { pid: number; group: string; container?: { runtime: string; id: string; config?: string } }[];
  groups: { id: string; processes: number; pids: number[]; container: { id: string } | null }[];
  containers: { label: string; container: { id: string; runtime: string; config?: string }; groups: string[]; processes: number; config?: string; drift: number | null }[];
  findings: { ruleId: string; severity: string; message: string; file: string | null; line: number | null; subject: string }[];
}

async function ps(): Promise<PsJson> {
  const r = await runCli(['ps', '--containers', '--no-filters', '--format', 'json', '--fail-on', 'never']);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as PsJson;
}

describe.skipIf(why !== '')('caplint ps --containers with runc', () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'caplint-runc-'));
    const plain = bundle('plain', () => undefined);
    const hard = bundle('hard', (spec) => {
      // A non-root process keeps a capability across execve only through the ambient set (man 7 capabilities).
      for (const set of ['bounding', 'effective', 'permitted', 'inheritable', 'ambient']) spec.process.capabilities[set] = HARD_CAPS;
      spec.process.noNewPrivileges = true;
      spec.process.user = { uid: 65534, gid: 65534 };
      spec.linux.namespaces.push({ type: 'cgroup' });
      spec.linux.resources = { ...spec.linux.resources, pids: { limit: 64 } };
      spec.linux.seccomp = { defaultAction: 'SCMP_ACT_ALLOW', architectures: ['SCMP_ARCH_X86_64'], syscalls: [{ names: ['keyctl', 'add_key', 'request_key', 'kexec_load'], action: 'SCMP_ACT_ERRNO' }] };
    });
    const open = bundle('open', (spec) => {
      spec.root.readonly = false;
      spec.linux.maskedPaths = [];
      spec.mounts.push({ destination: '/host-etc', type: 'bind', source: '/etc', options: ['rbind', 'ro'] });
    });
    runc('run', '-d', '--bundle', open, ids.open);
    runc('run', '-d', '--bundle', plain, ids.plain);
    runc('exec', '-d', ids.plain, 'sleep', '100000');
    runc('run', '-d', '--bundle', hard, ids.hard);
  }, 60_000);

  afterAll(() => {
    for (const id of Object.values(ids)) {
      spawnSync('runc', ['kill', id, 'KILL'], { stdio: 'ignore', timeout: 10_000 });
      spawnSync('runc', ['delete', '--force', id], { stdio: 'ignore', timeout: 10_000 });
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('names both containers by their runc ids, groups their processes and pairs each with its config.json, with no drift', async () => {
    const report = await ps();
    const mine = report.containers.filter((c) => Object.values(ids).includes(c.container.id));
    expect(mine.map((c) => c.label).sort()).toEqual([`runc ${ids.hard}`, `runc ${ids.open}`, `runc ${ids.plain}`]);
    const plain = mine.find((c) => c.container.id === ids.plain)!;
    const hard = mine.find((c) => c.container.id === ids.hard)!;
    expect(plain.config).toBe(join(dir, 'plain/config.json'));
    expect(hard.config).toBe(join(dir, 'hard/config.json'));
    // The init sleep and the exec'd one are alike: one group of two.
    expect(plain.processes).toBe(2);
    expect(plain.groups).toHaveLength(1);
    expect(report.groups.find((g) => g.id === plain.groups[0])!.processes).toBe(2);
    expect(hard.groups).toHaveLength(1);
    expect(report.subjects.filter((s) => s.container?.id === ids.plain).map((s) => s.group)).toEqual([plain.groups[0], plain.groups[0]]);
    const drift = report.findings.filter((f) => f.ruleId === 'live/matches-config' && f.severity !== 'info' && [ids.plain, ids.hard].some((id) => f.subject.includes(id)));
    expect(drift).toEqual([]);
    expect(plain.drift).toBe(0);
    expect(hard.drift).toBe(0);
    // The hardened one is judged on its own: no finding for dangerous capabilities or a missing filter.
    const hardFindings = report.findings.filter((f) => f.subject.includes(ids.hard)).map((f) => f.ruleId);
    expect(hardFindings).not.toContain('seccomp/required');
    expect(hardFindings).not.toContain('privileges/no-new-privileges');
    expect(report.findings.filter((f) => f.subject.includes(ids.plain)).map((f) => f.ruleId)).toContain('seccomp/required');
  });

  it('reads mounts, the read-only root and masked paths of a container from its mountinfo, and judges host processes on none of them', async () => {
    const report = await ps();
    const rules = ['mounts/no-sensitive-host-paths', 'privileges/read-only-rootfs', 'privileges/masked-paths'];
    const of = (id: string) => report.findings.filter((f) => f.subject.includes(id) && rules.includes(f.ruleId));
    const open = of(ids.open);
    expect(open.map((f) => f.ruleId).sort()).toEqual([...rules].sort());
    expect(open.find((f) => f.ruleId === rules[0])!.message).toMatch(/mounts the host's \/etc at \/host-etc \(read-only\)\.$/);
    expect(open.find((f) => f.ruleId === rules[2])!.message).toMatch(/does not mask .*\/proc\/keys/);
    expect(of(ids.hard)).toEqual([]);
    expect(of(ids.plain)).toEqual([]);
    const all = await runCli(['ps', '--no-filters', '--format', 'json', '--fail-on', 'never']);
    const hostFindings = (JSON.parse(all.stdout) as PsJson).findings.filter((f) => rules.includes(f.ruleId) && !/ in runc /.test(f.subject));
    expect(hostFindings).toEqual([]);
  });

  it('reports drift once the bundle declares what the container does not have, at the config line', async () => {
    const config = join(dir, 'plain/config.json');
    const original = readFileSync(config, 'utf8');
    const spec = JSON.parse(original) as Record<string, any>;
    spec.process.capabilities.bounding = [...spec.process.capabilities.bounding, 'CAP_SYS_ADMIN'];
    spec.linux.namespaces.push({ type: 'user' });
    writeFileSync(config, JSON.stringify(spec, null, 2));
    try {
      const report = await ps();
      const drift = report.findings.filter((f) => f.ruleId === 'live/matches-config' && f.subject.includes(ids.plain) && f.severity !== 'info');
      expect(drift.map((f) => f.message).join('\n')).toMatch(/the bounding capability set differs from the config, which declares CAP_SYS_ADMIN; the process lacks CAP_SYS_ADMIN/);
      expect(drift.map((f) => f.message).join('\n')).toMatch(/the user namespace differs from the config, which declares its own; the process shares the reference process's/);
      for (const f of drift) {
        expect(f.file).toBe(config);
        expect(f.line).toBeGreaterThan(0);
      }
      expect(report.containers.find((c) => c.container.id === ids.plain)!.drift).toBe(drift.length);
      expect(report.containers.find((c) => c.container.id === ids.hard)!.drift).toBe(0);
      const text = await runCli(['ps', '--containers', '--no-filters', '--fail-on', 'never']);
      expect(text.stdout).toMatch(new RegExp(`^runc ${ids.plain.slice(0, 18)}\\S*\\s+g\\d+\\s+2\\s+\\S+\\s+${drift.length} differences$`, 'm'));
      for (const line of text.stdout.slice(0, text.stdout.indexOf('\nnote') > 0 ? text.stdout.indexOf('\nnote') : undefined).split('\n')) expect(line.length).toBeLessThanOrEqual(100);
    } finally {
      writeFileSync(config, original);
    }
  });
});

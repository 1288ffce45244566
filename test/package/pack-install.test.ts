/**
 * The packed package installs without install scripts and without a
 * compiler: `npm pack` (in a scratch copy of the tracked files, so the
 * working tree's dist/ and build/ are untouched) runs prepack, which puts a
 * prebuilt addon in prebuilds/linux-x64; the tarball is installed with
 * --ignore-scripts into a clean prefix, offline (a lockfile made from this
 * project's pins lets npm take every dependency from its cache); then, with a
 * PATH holding only node, `caplint run --profile default` confines a process
 * and `caplint audit --pid` reads a confined process's filter.
 * Needs root (run sets the bounding set), git (to list tracked files) and x64.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const git = spawnSync('git', ['-C', ROOT, 'ls-files', '-z'], { encoding: 'utf8' });
const why = process.getuid?.() !== 0 ? 'it launches confined processes, which needs root'
  : process.arch !== 'x64' || process.platform !== 'linux' ? 'the prebuilt addon tested here is linux-x64'
  : git.status !== 0 ? 'the tracked files cannot be listed (no git checkout)'
  : undefined;
if (why) console.warn(`SKIPPED: the packed-tarball install test because ${why}`);

const scratch = mkdtempSync(join(tmpdir(), 'caplint-pack-'));
const children: number[] = [];
afterAll(() => {
  for (const pid of children) try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
  rmSync(scratch, { recursive: true, force: true });
});

function sh(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
  const run = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 540_000, maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${run.status ?? run.signal}: ${run.stderr.slice(-3000)}`);
  return run.stdout;
}

/** A clean prefix whose lockfile pins the tarball and this project's production dependencies, so `npm ci --offline` needs no registry. */
function cleanPrefix(tarball: string): string {
  const prefix = join(scratch, 'prefix');
  mkdirSync(prefix);
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, Record<string, unknown>> };
  const root = lock.packages['']!;
  const packages: Record<string, unknown> = { '': { dependencies: { caplint: `file:${tarball}` } } };
  for (const [key, entry] of Object.entries(lock.packages)) if (key.startsWith('node_modules/') && !entry.dev && !entry.devOptional) packages[key] = entry;
  packages['node_modules/caplint'] = { version: root.version, resolved: `file:${tarball}`, dependencies: root.dependencies, bin: root.bin, engines: root.engines, license: root.license };
  writeFileSync(join(prefix, 'package.json'), JSON.stringify({ name: 'clean-prefix', private: true, dependencies: { caplint: `file:${tarball}` } }));
  writeFileSync(join(prefix, 'package-lock.json'), JSON.stringify({ name: 'clean-prefix', lockfileVersion: 3, requires: true, packages }));
  return prefix;
}

describe.skipIf(why !== undefined)('the packed tarball, installed with --ignore-scripts and no compiler', () => {
  let files: string[];
  let installed: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(() => {
    const copy = join(scratch, 'src');
    for (const file of git.stdout.split('\0').filter(Boolean)) {
      if (!existsSync(join(ROOT, file))) continue; // deleted in the working tree
      mkdirSync(dirname(join(copy, file)), { recursive: true });
      cpSync(join(ROOT, file), join(copy, file));
    }
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
    const name = sh('npm', ['pack', '--pack-destination', scratch, '--silent'], copy).trim().split('\n').at(-1)!;
    const tarball = join(scratch, name);
    files = sh('tar', ['-tzf', tarball], scratch).split('\n');
    const prefix = cleanPrefix(tarball);
    sh('npm', ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], prefix);
    installed = join(prefix, 'node_modules', 'caplint');
    const bin = join(scratch, 'bin');
    mkdirSync(bin);
    symlinkSync(process.execPath, join(bin, 'node'));
    env = { PATH: bin, HOME: scratch, NO_COLOR: '1' };
  }, 600_000);

  it('carries the prebuilt linux-x64 addon and its Node-API version, not a source build', () => {
    expect(files).toContain('package/prebuilds/linux-x64/caplint_enforcer.node');
    expect(JSON.parse(readFileSync(join(installed, 'prebuilds/linux-x64/prebuild.json'), 'utf8'))).toMatchObject({ platform: 'linux', arch: 'x64', napi: 8 });
    expect(existsSync(join(installed, 'build'))).toBe(false);
    expect(files.some((f) => f.startsWith('package/test/'))).toBe(false);
  });

  it('carries a cross-built linux-arm64 addon when the cross compiler is installed (it cannot be loaded here)', () => {
    const cross = spawnSync('aarch64-linux-gnu-g++', ['--version'], { stdio: 'ignore' }).status === 0;
    if (!cross) console.warn('SKIPPED: the linux-arm64 prebuild check because aarch64-linux-gnu-g++ is not installed');
    expect(files.includes('package/prebuilds/linux-arm64/caplint_enforcer.node')).toBe(cross);
    if (!cross) return;
    const elf = readFileSync(join(installed, 'prebuilds/linux-arm64/caplint_enforcer.node'));
    expect(elf.readUInt16LE(18)).toBe(183); // EM_AARCH64
  });

  it('its install script, run anyway, uses the prebuild and builds nothing', () => {
    const run = spawnSync(process.execPath, [join(installed, 'scripts/build-addon.mjs')], { cwd: installed, env, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('caplint: using the prebuilt enforcer addon prebuilds/linux-x64/caplint_enforcer.node.\n');
    expect(existsSync(join(installed, 'build'))).toBe(false);
  });

  it('the PATH it runs with holds no compiler', () => {
    const found = spawnSync('/bin/sh', ['-c', 'command -v cc c++ gcc g++ make clang'], { env, encoding: 'utf8' });
    expect(found.stdout).toBe('');
  });

  it('caplint run --profile default confines the command', () => {
    const run = spawnSync(process.execPath, [join(installed, 'bin/caplint.js'), 'run', '--profile', 'default', '--', '/bin/grep', '-E', '^(NoNewPrivs|Seccomp):', '/proc/self/status'], { env, encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('NoNewPrivs:\t1\nSeccomp:\t2\n');
  });

  it('caplint audit --pid reads the seccomp filter of a process it confined', async () => {
    const cli = join(installed, 'bin/caplint.js');
    // The default profile's own pid namespace would make $$ a pid of that namespace; share it here so $$ names the process on this host.
    const profile = join(scratch, 'shared-namespaces.json');
    writeFileSync(profile, JSON.stringify({ extends: 'default', namespaces: {} }));
    const confined = spawn(process.execPath, [cli, 'run', '--profile', profile, '--', '/bin/sh', '-c', 'echo $$; exec /bin/sleep 60'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(confined.pid!);
    const pid = await new Promise<number>((resolve) => confined.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))));
    const audit = spawnSync(process.execPath, [cli, 'audit', '--pid', String(pid), '--format', 'json'], { env, encoding: 'utf8', timeout: 60_000 });
    confined.kill('SIGTERM');
    expect(audit.stderr).toBe('');
    expect([0, 1]).toContain(audit.status);
    const report = JSON.parse(audit.stdout) as { subjects: { pid: number; seccomp: { mode: string; filters?: number } }[]; errors: unknown[] };
    expect(report.errors).toEqual([]);
    expect(report.subjects[0]).toMatchObject({ pid, seccomp: { mode: 'filter', filters: 1 } });
  });
});

/**
 * What the everyday commands load: an audit of JSON configs needs neither
 * TypeScript, YAML nor ajv; a launch from a built-in profile needs no
 * compiler at all (its program was compiled at build time); --version needs
 * no package. And the code cache made at build time is one V8 accepts.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRecordingModules } from '../helpers/loaded-modules.js';

const ROOT = resolve(__dirname, '../..');
const HEAVY = ['typescript', '@typescript-eslint/typescript-estree', 'yaml', 'ajv'];
/**
 * Node built-ins an audit of files or a launch has no use for, each costly on
 * first load: net and the streams come with process.stdout on a pipe and with
 * node:tty; fs/promises brings readline, fs/dir and the watchers.
 */
const NEEDLESS = ['net', 'tty', 'stream', 'internal/streams/readable', 'readline', 'internal/readline/interface', 'fs/promises', 'internal/fs/promises', 'child_process', 'worker_threads', 'http', 'https'];

describe('the start-up path', () => {
  it('--version loads no dependency', () => {
    const r = runRecordingModules(['--version']);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect(r.packages).toEqual([]);
    expect(r.builtins.filter((m) => NEEDLESS.includes(m) || m === 'crypto' || m.startsWith('internal/util/parse_args'))).toEqual([]);
  });

  it.each([['text'], ['json']])('audit of an OCI config (%s) loads no TypeScript, YAML or ajv', (format) => {
    const r = runRecordingModules(['audit', 'examples/oci/runc-default/config.json', '--format', format]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('capabilities/no-ambient');
    expect(r.packages.filter((p) => HEAVY.includes(p))).toEqual([]);
  });

  it.each([['text'], ['json']])('audit of an OCI config (%s) into a pipe loads no net, tty, stream, readline or fs/promises', (format) => {
    const r = runRecordingModules(['audit', 'examples/oci/runc-default/config.json', '--format', format]);
    expect(r.status).toBe(1);
    expect(r.builtins).toContain('vm'); // the list is real: bin/ compiles the bundle with node:vm
    expect(r.builtins.filter((m) => NEEDLESS.includes(m) || m === 'crypto' || m.startsWith('internal/util/parse_args'))).toEqual([]);
  });

  it('run --profile default compiles nothing and loads no TypeScript, YAML or ajv', () => {
    const r = runRecordingModules(['run', '--profile', 'default', '--dry-run', '--allow-partial', '--', '/bin/true']);
    expect(r.stdout).toMatch(/compiled when the package was built/);
    expect(r.packages.filter((p) => HEAVY.includes(p))).toEqual([]);
    // The program key and the shipped entry are hashed by the addon, not node:crypto (which brings the streams).
    expect(r.builtins).toContain('vm');
    expect(r.builtins.filter((m) => NEEDLESS.includes(m) || m === 'crypto' || m.startsWith('internal/crypto/') || m.startsWith('internal/util/parse_args'))).toEqual([]);
  });

  it.each([
    [[], 'base'], [['--version'], 'base'], [['help'], 'base'], [['audit', 'x.json'], 'audit'], [['help', 'audit'], 'audit'],
    [['run', '--', '/bin/true'], 'run'], [['ps'], 'all'], [['seccomp', 'compile', 'default'], 'all'],
  ])('the bundle for %j compiles from the code cache made at build time for it (%s)', (argv, name) => {
    const probe = `const { loadCli, cacheName } = require('./bin/caplint.js'); const argv = ${JSON.stringify(argv)};
      const { script } = loadCli(argv); process.stdout.write(JSON.stringify([cacheName(argv), script.cachedDataRejected]))`;
    const out = execFileSync(process.execPath, ['-e', probe], { cwd: ROOT, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual([name, false]);
  });

  it.each([
    [['run', '--', '/bin/true'], 'cli-run'], [['help', 'run'], 'cli-run'], [['audit', 'x.json'], 'cli-audit'], [['help', 'audit'], 'cli-audit'],
    [['--version'], 'cli'], [['ps'], 'cli'], [['seccomp', 'compile', 'default'], 'cli'],
  ])('%j loads the bundle %s', (argv, name) => {
    const probe = `process.stdout.write(require('./bin/caplint.js').bundleName(${JSON.stringify(argv)}))`;
    expect(execFileSync(process.execPath, ['-e', probe], { cwd: ROOT, encoding: 'utf8' })).toBe(name);
  });

  it.each([['run', 0.5], ['audit', 0.85]])('the bundle for %s holds that command alone (under %s of the whole CLI, no other command\'s usage)', (name, share) => {
    const text = readFileSync(join(ROOT, `dist/cli-${name}.cjs`), 'latin1');
    expect(text.length).toBeLessThan(statSync(join(ROOT, 'dist/cli.cjs')).size * share);
    expect(text).toContain(`Usage: caplint ${name}`);
    for (const other of ['audit', 'run', 'ps', 'seccomp', 'learn', 'serve'].filter((c) => c !== name)) expect(text, other).not.toContain(`Usage: caplint ${other}`);
  });

  it('each code cache holds what its command ran, so the one for --version is the smallest and the one for everything the largest', () => {
    const size = (name: string) => statSync(join(ROOT, 'dist/cache', `${name}.cache`)).size;
    expect(size('base')).toBeLessThan(size('run'));
    expect(size('run')).toBeLessThan(size('all'));
    expect(size('audit')).toBeLessThan(size('all'));
  });
});

describe('an unbuilt package', () => {
  it('says in one sentence which bundle (dist/cli*.cjs) is missing and exits 2, without a stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'caplint-unbuilt-'));
    try {
      mkdirSync(join(dir, 'bin'));
      for (const f of ['caplint.js', 'package.json']) copyFileSync(join(ROOT, 'bin', f), join(dir, 'bin', f));
      const r = spawnSync(process.execPath, [join(dir, 'bin/caplint.js'), 'audit', 'x.json'], { encoding: 'utf8', env: { ...process.env, CAPLINT_DEBUG: '' } });
      expect(r.status).toBe(2);
      expect(r.stderr).toBe('caplint: the built CLI, dist/cli-audit.cjs, is missing; run "npm run build" in the package (npm ci does it).\n');
      for (const [argv, bundle] of [[['run', '--', '/bin/true'], 'cli-run'], [['--version'], 'cli']] as const) {
        const other = spawnSync(process.execPath, [join(dir, 'bin/caplint.js'), ...argv], { encoding: 'utf8', env: { ...process.env, CAPLINT_DEBUG: '' } });
        expect(other.status).toBe(2);
        expect(other.stderr).toBe(`caplint: the built CLI, dist/${bundle}.cjs, is missing; run "npm run build" in the package (npm ci does it).\n`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * Bad input: one sentence naming file:line:column, exit 2, and every other
 * input still audited and reported.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, openSync, ftruncateSync, closeSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caplint, caplintProcess } from '../helpers/cli.js';
import { HARDENED_PATH, RUNC_DEFAULT_PATH } from '../helpers/oci.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'caplint-bad-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

/** The error lines of a text report. */
function errorLines(stdout: string): string[] {
  return stdout.split('\n').filter((l) => /  error  /.test(l));
}

describe('bad input', () => {
  it('not JSON: the syntax error at its line and column; the runc default is still audited', async () => {
    const bad = file('broken/config.json', '{\n  "ociVersion": "1.0.0",\n  "process": {,\n}\n');
    const { code, stdout } = await caplint(['audit', bad, RUNC_DEFAULT_PATH]);
    expect(code).toBe(2);
    expect(errorLines(stdout)).toEqual([`${bad}:3:15  error  not valid JSON: expected a value`]);
    expect(stdout).toContain('seccomp/required');
    expect(stdout).toContain('runs without a seccomp filter');
  });

  it('an input that could not be read is never summed up as passed, even when what was read is clean', async () => {
    const bad = file('unreadable/config.json', '{\n  "ociVersion": \n');
    const { code, stdout } = await caplint(['audit', HARDENED_PATH, bad]);
    expect(code).toBe(2);
    const summary = stdout.trim().split('\n').at(-1)!;
    expect(summary).toMatch(/^✖ 0 findings across 1 subject in 2 inputs, 1 error; not passed: nothing at or above high in what was read, but an input could not be audited\.$/);
    expect(stdout).not.toMatch(/passed: nothing at or above high\.$/m);
  });

  it('wrong types: the field, what it must be, and where', async () => {
    const bad = file('types.json', '{\n  "ociVersion": "1.0.0",\n  "process": { "noNewPrivileges": "yes" }\n}\n');
    const { code, stdout } = await caplint(['audit', bad, HARDENED_PATH]);
    expect(code).toBe(2);
    expect(errorLines(stdout)).toEqual([`${bad}:3:16  error  not a valid OCI runtime config: process.noNewPrivileges must be a boolean`]);
  });

  it('unknown capability and namespace names: did-you-mean, and the config is still audited', async () => {
    const config = JSON.parse(readFileSync(HARDENED_PATH, 'utf8'));
    config.process.capabilities.bounding.push('CAP_NET_BIND_SERVCE');
    config.linux.namespaces.push({ type: 'mnt' });
    const bad = file('names.json', JSON.stringify(config, null, 2));
    const { code, stdout } = await caplint(['audit', bad]);
    expect(code).toBe(2);
    const errors = errorLines(stdout);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/names\.json:\d+:\d+  error  "CAP_NET_BIND_SERVCE" is not a capability \(did you mean CAP_NET_BIND_SERVICE\?\)$/);
    expect(errors[1]).toMatch(/names\.json:\d+:\d+  error  "mnt" is not a namespace type/);
    expect(stdout).toContain('1 subject in 1 input');
  });

  it('an empty file', async () => {
    const bad = file('empty/config.json', '');
    const { code, stdout } = await caplint(['audit', bad, HARDENED_PATH]);
    expect(code).toBe(2);
    expect(errorLines(stdout)).toEqual([`${bad}:1:1  error  the file is empty; expected a container config`]);
  });

  it('a 50 MB file is refused by size without being read', async () => {
    const big = join(dir, 'big.json');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 50 * 1024 * 1024);
    closeSync(fd);
    const { code, stdout } = await caplint(['audit', big, HARDENED_PATH]);
    expect(code).toBe(2);
    expect(errorLines(stdout)).toEqual([`${big}  error  the file is 50.0 MiB, over the 32.0 MiB limit for one input (raise it with --max-bytes)`]);
    expect(stdout).toContain('1 subject in 2 inputs');
  });

  it('a directory with no configs', async () => {
    mkdirSync(join(dir, 'nothing/here'), { recursive: true });
    const { code, stdout } = await caplint(['audit', join(dir, 'nothing')]);
    expect(code).toBe(2);
    expect(errorLines(stdout)).toEqual([`${join(dir, 'nothing')}  error  the directory holds no container config to audit (config.json, Kubernetes or compose YAML, docker inspect JSON)`]);
  });

  it('a file that cannot be read', async () => {
    // Root reads any mode, so use a file the kernel refuses to read whole.
    const unreadable = '/proc/self/mem';
    const { code, stdout } = await caplint(['audit', unreadable, HARDENED_PATH]);
    expect(code).toBe(2);
    expect(errorLines(stdout)[0]).toMatch(/^\/proc\/self\/mem  error  cannot read: /);
  });

  it('a missing path', async () => {
    const { code, stdout } = await caplint(['audit', join(dir, 'nope.json')]);
    expect(code).toBe(2);
    expect(errorLines(stdout)).toEqual([`${join(dir, 'nope.json')}  error  cannot read: no such file or directory`]);
  });

  it('JSON that is not a container config', async () => {
    const bad = file('other.json', '{"hello": "world"}\n');
    const { code, stdout } = await caplint(['audit', bad]);
    expect(code).toBe(2);
    expect(errorLines(stdout)[0]).toContain('not a container config caplint reads');
  });

  it('directories are walked recursively and symlink loops cut', async () => {
    const tree = join(dir, 'tree');
    mkdirSync(join(tree, 'a/b'), { recursive: true });
    writeFileSync(join(tree, 'a/b/config.json'), readFileSync(HARDENED_PATH));
    writeFileSync(join(tree, 'a/config.json'), readFileSync(RUNC_DEFAULT_PATH));
    symlinkSync('..', join(tree, 'a/b/loop'));
    const { code, stdout } = await caplint(['audit', tree]);
    expect(code).toBe(1);
    expect(stdout).toContain('2 subjects in 2 inputs');
  });

  it('usage errors exit 2 with one line and no stack trace', () => {
    const bad = caplintProcess(['audit', '--fail-on', 'severe', HARDENED_PATH]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('caplint: --fail-on must be one of info, low, medium, high, critical, never; got "severe"\n');
    const unknown = caplintProcess(['audit', '--frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^caplint: caplint audit: unknown option '--frobnicate'\n$/);
    expect(caplintProcess(['nonsense']).code).toBe(2);
  });
});

/**
 * The pre-commit hook, run by Debian's pre-commit as a user would try it:
 * `pre-commit try-repo <this repository> caplint-audit --files ...`, with
 * `caplint` on PATH as the hook's `language: system` expects. A risky
 * manifest fails the hook with its findings; a hardened one passes; the
 * hook's file pattern picks the example configs and leaves other YAML alone.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN, ROOT } from '../helpers/cli.js';

const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
const inGit = spawnSync('git', ['-C', ROOT, 'rev-parse', '--git-dir'], { encoding: 'utf8' }).status === 0;
const why = preCommit.status !== 0 ? 'pre-commit is not installed (Debian: pre-commit)' : !inGit ? 'the repository is not a git checkout' : undefined;
if (why) console.warn(`SKIPPED: the pre-commit hook test because ${why}`);

const scratch = mkdtempSync(join(tmpdir(), 'caplint-pre-commit-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const bin = join(scratch, 'bin');
mkdirSync(bin);
writeFileSync(join(bin, 'caplint'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
chmodSync(join(bin, 'caplint'), 0o755);

function tryRepo(...files: string[]) {
  return spawnSync('pre-commit', ['try-repo', ROOT, 'caplint-audit', '--verbose', '--files', ...files], {
    cwd: ROOT, encoding: 'utf8', timeout: 180_000,
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, PRE_COMMIT_HOME: join(scratch, 'home'), NO_COLOR: '1' },
  });
}

describe.skipIf(why !== undefined)('the caplint-audit pre-commit hook', () => {
  it('fails on a risky manifest and prints its findings', () => {
    const run = tryRepo('examples/kubernetes/risky.yaml');
    expect(run.status, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toMatch(/caplint audit\.+Failed/);
    expect(run.stdout).toContain('examples/kubernetes/risky.yaml:');
    expect(run.stdout).toMatch(/failed: findings at or above high/);
  }, 200_000);

  it('passes on hardened configs', () => {
    const run = tryRepo('examples/kubernetes/hardened.yaml', 'examples/oci/hardened/config.json');
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/caplint audit\.+Passed/);
  }, 200_000);

  it('selects container configs by name and skips other files', () => {
    const hook = (parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; files: string }[]).find((h) => h.id === 'caplint-audit')!;
    const files = new RegExp(hook.files);
    for (const f of ['examples/kubernetes/risky.yaml', 'examples/oci/runc-default/config.json', 'examples/compose/risky/compose.yaml', 'docker-compose.yml', 'deploy/kubernetes/webhook.yaml'])
      expect(files.test(f), f).toBe(true);
    for (const f of ['.github/workflows/ci.yml', 'package.json', 'tsconfig.json', 'action.yml']) expect(files.test(f), f).toBe(false);
    const run = tryRepo('package.json');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/caplint audit\.+\(no files to check\)Skipped/);
  }, 200_000);
});

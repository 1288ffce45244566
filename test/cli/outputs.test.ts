/**
 * Where reports go: a closed pipe ends the output quietly with the exit code
 * the run earned; --output without --format takes the format from the file
 * name, or is refused.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, caplint } from '../helpers/cli.js';
import { HARDENED_PATH, RUNC_DEFAULT_PATH } from '../helpers/oci.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'caplint-outputs-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `caplint ARGS | true` in bash: the reader is gone before caplint writes; the exit code is caplint's. */
function intoClosedPipe(args: string): { code: number; stderr: string } {
  const ran = spawnSync('bash', ['-c', `'${process.execPath}' '${BIN}' ${args} | (exec 0<&-; true); exit \${PIPESTATUS[0]}`], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
  return { code: ran.status ?? -1, stderr: ran.stderr };
}

describe('a closed pipe on standard output', () => {
  it.each([
    ['rules', 0],
    [`audit '${RUNC_DEFAULT_PATH}' --format json`, 1],
    [`audit '${RUNC_DEFAULT_PATH}'`, 1],
    [`audit '${HARDENED_PATH}' --fail-on never`, 0],
  ])('caplint %s | true: no stack trace, exit %i', (args, expected) => {
    const { code, stderr } = intoClosedPipe(args);
    expect(stderr).toBe('');
    expect(code).toBe(expected);
  });
});

describe('--output without --format', () => {
  it.each([
    ['report.sarif', (t: string) => expect(JSON.parse(t).version).toBe('2.1.0')],
    ['report.json', (t: string) => expect(JSON.parse(t).version).toBe(1)],
    ['report.junit.xml', (t: string) => expect(t).toMatch(/^<\?xml[^]*<testsuites/)],
    ['report.md', (t: string) => expect(t).toMatch(/^#/m)],
    ['report.html', (t: string) => expect(t).toMatch(/^<!doctype html>/i)],
  ])('%s takes its format from the extension', async (name, check) => {
    const out = join(dir, name);
    const { code, stdout } = await caplint(['audit', RUNC_DEFAULT_PATH, '--output', out]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    check(readFileSync(out, 'utf8'));
  });

  it('a name that says no format is refused with one sentence, before anything is written', async () => {
    const { code, stdout, stderr } = await caplint(['audit', RUNC_DEFAULT_PATH, '--output', join(dir, 'report.bin')]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`caplint: --output ${join(dir, 'report.bin')}: the file name does not say a report format (.sarif, .json, .xml, .md, .html, .txt); put --format FORMAT before --output\n`);
  });

  it('an explicit --format still wins over the extension', async () => {
    const out = join(dir, 'text.sarif');
    await caplint(['audit', RUNC_DEFAULT_PATH, '--format', 'text', '--output', out]);
    expect(readFileSync(out, 'utf8')).toContain('seccomp/required');
  });
});

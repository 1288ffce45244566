/**
 * Every test that reads the shared fixtures (../shared) goes through
 * test/helpers/skip.ts, so that CAPLINT_SHARED_DIR can hide them and the
 * suite still passes, skipping visibly (.ci/run does that once).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const TEST_DIR = join(ROOT, 'test');
const SOURCE = /\.(ts|mjs|js)$/;
/** A path into the shared folder written out instead of through sharedPath(). */
const DIRECT = /\.\.\/shared\b|'\.\.',\s*'shared'|\/shared\/(fixtures|seccomp)\//;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : SOURCE.test(e.name) ? [join(dir, e.name)] : []);
}

describe('tests without ../shared', () => {
  it('reach the shared folder only through helpers/skip.ts', () => {
    const offenders = files(TEST_DIR)
      .filter((f) => !f.endsWith(join('helpers', 'skip.ts')) && !f.endsWith('shared-fixtures.test.ts'))
      .filter((f) => DIRECT.test(readFileSync(f, 'utf8')))
      .map((f) => relative(ROOT, f));
    expect(offenders).toEqual([]);
  });

  it('the suites that use sharedPath() also ask available() first', () => {
    const users = files(TEST_DIR).filter((f) => f.endsWith('.test.ts') && readFileSync(f, 'utf8').includes('sharedPath('));
    expect(users.length).toBeGreaterThan(0);
    for (const f of users) expect(readFileSync(f, 'utf8'), relative(ROOT, f)).toContain('available(');
  });
});

/**
 * The bundle's stand-ins (scripts/bundle-shims/): jsonc-parser is initialised
 * only when called, so every export of the package must be there, and the
 * bundled CLI must still describe syntax errors and read JSON with comments.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const require = createRequire(import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'caplint-shims-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the jsonc-parser stand-in', () => {
  it('offers every export of the package', () => {
    // Only the bundle can load the package through it (esbuild resolves the ES module build); the names are checked here.
    const shim = require(join(ROOT, 'scripts/bundle-shims/jsonc-parser.cjs')) as { NAMES: string[] };
    const real = require('jsonc-parser') as Record<string, unknown>;
    expect([...shim.NAMES].sort()).toEqual(Object.keys(real).sort());
  });

  it('still places a JSON syntax error and reads a config with comments, through the bundled CLI', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{\n  "ociVersion": "1.0.2",,\n}\n');
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/caplint.js'), 'audit', bad, '--format', 'json'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    const errors = (JSON.parse(r.stdout) as { errors: { line: number; column: number; message: string }[] }).errors;
    expect(errors).toEqual([expect.objectContaining({ line: 2, column: 25, message: 'not valid JSON: expected a property name in double quotes' })]);
    const config = join(dir, 'caplint.config.json');
    writeFileSync(config, '{\n  // comments are allowed here\n  "failOn": "never"\n}\n');
    const ok = spawnSync(process.execPath, [join(ROOT, 'bin/caplint.js'), 'audit', join(ROOT, 'examples/oci/runc-default/config.json'), '--config', config], { encoding: 'utf8' });
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
  });
});

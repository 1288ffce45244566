/**
 * What the everyday commands load: an audit of JSON configs needs neither
 * TypeScript, YAML nor ajv; a launch from a built-in profile needs no
 * compiler at all (its program was compiled at build time); --version needs
 * no package. And the code cache made at build time is one V8 accepts.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRecordingModules } from '../helpers/loaded-modules.js';

const ROOT = resolve(__dirname, '../..');
const HEAVY = ['typescript', '@typescript-eslint/typescript-estree', 'yaml', 'ajv'];

describe('the start-up path', () => {
  it('--version loads no dependency', () => {
    const r = runRecordingModules(['--version']);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect(r.packages).toEqual([]);
  });

  it.each([['text'], ['json']])('audit of an OCI config (%s) loads no TypeScript, YAML or ajv', (format) => {
    const r = runRecordingModules(['audit', 'examples/oci/runc-default/config.json', '--format', format]);
    expect(r.status).toBe(1);
    expect(r.packages.filter((p) => HEAVY.includes(p))).toEqual([]);
  });

  it('run --profile default compiles nothing and loads no TypeScript, YAML or ajv', () => {
    const r = runRecordingModules(['run', '--profile', 'default', '--dry-run', '--allow-partial', '--', '/bin/true']);
    expect(r.stdout).toMatch(/compiled when the package was built/);
    expect(r.packages.filter((p) => HEAVY.includes(p))).toEqual([]);
  });

  it('the bundle compiles from the code cache made at build time', () => {
    const out = execFileSync(process.execPath, ['-e', "const { script } = require('./bin/caplint.js').loadCli(); process.stdout.write(String(script.cachedDataRejected))"], { cwd: ROOT, encoding: 'utf8' });
    expect(out).toBe('false');
  });
});

/**
 * The GitHub Action: action.yml passes @action-validator/cli (which rejects
 * a broken copy, so the check can fail), has the documented inputs, uploads
 * SARIF, and its audit step's script runs here as the runner would run it
 * (GITHUB_ACTION_PATH, RUNNER_TEMP, GITHUB_OUTPUT), with caplint installed
 * where the install step puts it.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { BIN, ROOT } from '../helpers/cli.js';

const VALIDATOR = join(ROOT, 'node_modules', '.bin', 'action-validator');
const scratch = mkdtempSync(join(tmpdir(), 'caplint-action-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Step { id?: string; name?: string; uses?: string; run?: string; shell?: string; with?: Record<string, string>; env?: Record<string, string> }
const text = readFileSync(join(ROOT, 'action.yml'), 'utf8');
const action = parse(text) as { inputs: Record<string, { default?: string }>; runs: { using: string; steps: Step[] } };

const validate = (file: string) => spawnSync(VALIDATOR, [file], { encoding: 'utf8' });

describe('action.yml', () => {
  it('is valid for @action-validator/cli, which rejects a broken copy', () => {
    const ok = validate(join(ROOT, 'action.yml'));
    expect(ok.stderr + ok.stdout).toBe('');
    expect(ok.status).toBe(0);
    const broken = structuredClone(action) as { runs: { using: string } };
    broken.runs.using = 'docker-compose';
    writeFileSync(join(scratch, 'broken.yml'), stringify(broken));
    expect(validate(join(scratch, 'broken.yml')).status).not.toBe(0);
  });

  it('takes paths, policy, fail-on and format, and uploads SARIF to code scanning', () => {
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['paths', 'policy', 'fail-on', 'format']));
    expect(action.runs.using).toBe('composite');
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload?.with?.sarif_file).toBe('${{ steps.audit.outputs.sarif-file }}');
    // Inputs reach scripts only through env, never pasted into the script text.
    for (const step of action.runs.steps) if (step.run) expect(step.run).not.toContain('${{');
  });

  it('its audit step audits the paths, writes SARIF and the exit code, and registers the problem matcher for compact', () => {
    const temp = join(scratch, 'runner-temp');
    const bin = join(temp, 'caplint', 'node_modules', '.bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'caplint'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    chmodSync(join(bin, 'caplint'), 0o755);
    const output = join(scratch, 'github-output');
    writeFileSync(output, '');
    const step = action.runs.steps.find((s) => s.id === 'audit')!;
    const run = spawnSync('bash', ['-e', '-c', step.run!], {
      cwd: ROOT, encoding: 'utf8',
      env: {
        ...process.env, NO_COLOR: '1', GITHUB_ACTION_PATH: ROOT, RUNNER_TEMP: temp, GITHUB_OUTPUT: output,
        CAPLINT_PATHS: 'examples/kubernetes/risky.yaml\nexamples/oci/hardened/config.json', CAPLINT_POLICY: 'default', CAPLINT_FAIL_ON: 'high', CAPLINT_FORMAT: 'compact',
      },
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe(`::add-matcher::${ROOT}/problem-matchers/caplint.json`);
    expect(run.stdout).toMatch(/^examples\/kubernetes\/risky\.yaml:\d+:\d+: critical /m);
    const outputs = Object.fromEntries(readFileSync(output, 'utf8').trim().split('\n').map((l) => l.split('=') as [string, string]));
    expect(outputs['exit-code']).toBe('1');
    const sarif = JSON.parse(readFileSync(outputs['sarif-file']!, 'utf8')) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const uris = new Set(sarif.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri));
    expect(uris.has('examples/kubernetes/risky.yaml')).toBe(true);
  });
});

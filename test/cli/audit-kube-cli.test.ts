/**
 * The real CLI on Kubernetes input: multi-document YAML on stdin
 * (`helm template . | caplint audit -`), an invalid document among valid
 * ones, unknown policies, and `caplint audit` of OCI JSON not loading YAML.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runRecordingModules } from '../helpers/loaded-modules.js';

const ROOT = resolve(__dirname, '../..');
const BIN = resolve(ROOT, 'bin/caplint.js');

function caplint(args: string[], input?: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const STREAM = `apiVersion: v1
kind: Pod
metadata:
  name: one
spec:
  hostNetwork: true
  containers:
    - name: app
      image: x
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: two
spec:
  template:
    spec:
      containers:
        - name: app
          image: x
          securityContext:
            privileged: true
`;

describe('caplint audit on Kubernetes input (CLI)', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [resolve(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT });
  }, 120_000);

  it('audits every document of a multi-document stream on stdin', () => {
    const { code, stdout } = caplint(['audit', '-', '--policy', 'pss-baseline', '--format', 'json'], STREAM);
    const report = JSON.parse(stdout);
    expect(code).toBe(1);
    expect(report.findings.map((f: { file: string; line: number; column: number; ruleId: string }) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`)).toEqual([
      '<stdin>:6:3 pss/host-namespaces',
      '<stdin>:22:13 pss/privileged',
    ]);
    expect(report.summary.subjects).toBe(2);
  });

  it('reports an invalid document with its line and column, audits the others, and exits 2', () => {
    const broken = STREAM.replace('privileged: true', 'privileged: [true');
    const { code, stdout } = caplint(['audit', '-', '--policy', 'pss-baseline'], broken);
    expect(code).toBe(2);
    expect(stdout).toContain('<stdin>:6:3  high  pss/host-namespaces');
    expect(stdout).toMatch(/<stdin>:2\d:\d+ {2}error {2}not valid YAML/);
  });

  it('an unknown policy is a usage error with a suggestion', () => {
    const { code, stderr } = caplint(['audit', '-', '--policy', 'pss-restrictd'], STREAM);
    expect(code).toBe(2);
    expect(stderr).toContain('"pss-restrictd" is neither a built-in profile (default, restricted, demo, pss-baseline, pss-restricted) nor a file (did you mean pss-restricted?)');
  });

  it('--input-format forces a format', () => {
    const { code, stdout } = caplint(['audit', '-', '--input-format', 'compose'], STREAM);
    expect(code).toBe(2);
    expect(stdout).toContain('not a compose file');
  });

  it('an OCI config is audited without loading the yaml package', () => {
    expect(runRecordingModules(['audit', 'examples/oci/runc-default/config.json']).packages).not.toContain('yaml');
    expect(runRecordingModules(['audit', 'examples/kubernetes/hardened.yaml']).packages).toContain('yaml');
  });
});

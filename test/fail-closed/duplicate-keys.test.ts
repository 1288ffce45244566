/**
 * Keys written twice: a high finding at the second key, saying how the
 * runtime reads the file, under every policy; and JSON nested too deep is one
 * placed error for that input, the other inputs still audited.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../engine/model/finding.js';
import { caplint } from '../helpers/cli.js';
import { HARDENED_PATH, RUNC_DEFAULT_PATH } from '../helpers/oci.js';
import { scanJson } from '../../engine/inputs/json-scan.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'caplint-dup-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function audit(...args: string[]): Promise<{ code: number; findings: Finding[]; errors: { file: string; line: number | null; column: number | null; message: string }[] }> {
  const { code, stdout } = await caplint(['audit', '--format', 'json', ...args]);
  const report = JSON.parse(stdout) as { findings: Finding[]; errors: never[] };
  return { code, findings: report.findings, errors: report.errors };
}

const dup = (findings: readonly Finding[]) => findings.filter((f) => f.ruleId === 'caplint/duplicate-keys').map((f) => [f.line, f.column, f.severity]);

const TWO_PROCESSES = `{
  "ociVersion": "1.0.2",
  "process": {
    "args": ["sh"], "cwd": "/",
    "capabilities": {"bounding": ["CAP_SYS_ADMIN", "CAP_SYS_PTRACE", "CAP_SYS_MODULE"]}
  },
  "root": {"path": "rootfs"},
  "process": {"args": ["sh"], "cwd": "/", "noNewPrivileges": true}
}
`;

describe('caplint/duplicate-keys', () => {
  it('an OCI config with two "process" objects fails the gate at the second, naming the merge Go does', async () => {
    const path = file('two-process.json', TWO_PROCESSES);
    for (const policy of ['default', 'restricted', 'pss-restricted']) {
      const { code, findings } = await audit(path, '--policy', policy);
      // pss-restricted judges no OCI config, so that audit also says it audited nothing (exit 2).
      expect(code).toBe(policy === 'pss-restricted' ? 2 : 1);
      expect(dup(findings)).toEqual([[8, 3, 'high']]);
      const message = findings.find((f) => f.ruleId === 'caplint/duplicate-keys')!.message;
      expect(message).toContain('"process" is written twice in one object (first on line 3)');
      expect(message).toContain('Go\'s encoding/json, which merges the two objects');
    }
  });

  it('a repeated scalar says the last wins; nested and escaped keys are found', async () => {
    const text = '{"ociVersion": "1.0.2", "process": {"args": ["sh"], "cwd": "/", "user": {"uid": 1000, "gid": 1000, "uid": 0}}, "root": {"path": "r"}, "r\\u006fot": {"path": "s"}}';
    const { findings } = await audit(file('scalar.json', text));
    expect(dup(findings)).toEqual([[1, text.indexOf('"uid": 0') + 1, 'high'], [1, text.indexOf('"r\\u006fot"') + 1, 'high']]);
    expect(findings.find((f) => f.ruleId === 'caplint/duplicate-keys')!.message).toContain('keeps the last value');
  });

  it('Kubernetes YAML: the API server\'s strict decoding, at the second key, once per container', async () => {
    const path = file('pod.yaml', [
      'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', 'spec:', '  containers:',
      '  - name: a', '    image: x', '    securityContext:', '      privileged: true', '      privileged: false',
      '  - name: b', '    image: x', '    image: y', '',
    ].join('\n'));
    const { code, findings } = await audit(path);
    expect(code).toBe(1);
    expect(dup(findings)).toEqual([[11, 7, 'high'], [14, 5, 'high']]);
    const subjects = findings.filter((f) => f.ruleId === 'caplint/duplicate-keys').map((f) => f.subject);
    expect(subjects[0]).toContain('container a');
    expect(subjects[1]).toContain('container b');
    expect(findings[0]!.message).not.toBe('');
    expect(findings.find((f) => f.ruleId === 'caplint/duplicate-keys')!.message).toContain('strict field validation');
  });

  it('compose: docker compose refuses the file', async () => {
    const path = file('compose.yaml', 'services:\n  web:\n    image: x\n    cap_add: [NET_ADMIN]\n    cap_add: []\n');
    const { findings } = await audit(path);
    expect(dup(findings)).toEqual([[5, 5, 'high']]);
    expect(findings.find((f) => f.ruleId === 'caplint/duplicate-keys')!.message).toContain('docker compose refuses a mapping key defined twice');
  });

  it('a file without repeated keys has no such finding', async () => {
    expect(dup((await audit(HARDENED_PATH)).findings)).toEqual([]);
  });
});

describe('JSON nested too deep', () => {
  it('100k-deep invalid JSON is one placed error; the other input is still audited', async () => {
    const text = `{"ociVersion": "1.0.2", "x": ${'['.repeat(100_000)}`;
    const path = file('deep.json', text);
    const { code, errors, findings } = await audit(path, RUNC_DEFAULT_PATH);
    expect(code).toBe(2);
    expect(errors).toEqual([{ file: path, line: 1, column: text.indexOf('[') + 500, message: 'nested more than 500 levels deep; no container config needs that many, so caplint does not read further' }]);
    expect(findings.some((f) => f.file === RUNC_DEFAULT_PATH)).toBe(true);
  });

  it('the scan keeps no recursion: a million brackets are refused at the limit', () => {
    expect(scanJson('['.repeat(1_000_000)).tooDeep).toBe(500);
    expect(scanJson('{"a": {"b": 1, "b": {"c": [1, {"d": 2, "d": 3}]}}}').repeated.map((r) => r.pointer)).toEqual(['/a/b', '/a/b/c/1/d']);
  });
});

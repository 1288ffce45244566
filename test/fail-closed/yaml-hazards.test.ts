/**
 * YAML that parses but cannot be read safely is one placed error for that
 * document; every other input, and every other document of the same
 * stream, is still audited and reported.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditReport } from '../../engine/model/finding.js';
import { caplint } from '../helpers/cli.js';
import { RUNC_DEFAULT_PATH } from '../helpers/oci.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'caplint-yaml-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function bomb(): string {
  let text = 'services:\n  web:\n    image: x\nx-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
  let previous = 'a';
  for (const name of 'bcdefghi') {
    text += `x-${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]\n`;
    previous = name;
  }
  return text;
}

const CASES: readonly (readonly [string, string, number, number, string])[] = [
  ['an alias bomb', bomb(), 5, 10, 'its aliases expand past 1000 nodes (an alias bomb); caplint refuses it as Kubernetes\' YAML decoder does'],
  ['an unresolved alias', 'services:\n  web:\n    image: *nope\n', 3, 12, 'the alias *nope names no anchor defined before it'],
  ['an alias cycle', 'services:\n  web: &w\n    image: x\n    extra: *w\n', 4, 12, 'the alias *w is inside the node its anchor names, so its value would contain itself'],
  ['a merge of a list', 'x-base: &b [1, 2]\nservices:\n  web:\n    <<: *b\n    image: x\n', 4, 9, 'a << merge takes a map, an alias of a map, or a list of them'],
  ['a list of 100,001 items', `services:\n  web:\n    image: x\n    cap_add:\n${'    - NET_ADMIN\n'.repeat(100_001)}`, 5, 5, 'a list or map of more than 100,000 items starts here, more than caplint reads in one document'],
  ['flow nesting 100k deep', `services:\n  web:\n    image: x\n    x: ${'['.repeat(100_000)}\n`, 4, -1, 'nested too deeply for caplint to read'],
];

describe('YAML hazards', () => {
  it.each(CASES)('%s: one placed error, the other input still audited', async (_, text, line, column, message) => {
    const path = join(dir, `${_.replace(/\W+/g, '-')}.yaml`);
    writeFileSync(path, text);
    const { code, stdout, stderr } = await caplint(['audit', '--format', 'json', path, RUNC_DEFAULT_PATH]);
    expect(stderr).toBe('');
    expect(code).toBe(2);
    const report = JSON.parse(stdout) as AuditReport;
    expect(report.errors).toHaveLength(1);
    const [error] = report.errors;
    expect(error).toMatchObject({ file: path, line, message: `not valid YAML: ${message}` });
    if (column > 0) expect(error!.column).toBe(column);
    expect(report.findings.filter((f) => f.file === RUNC_DEFAULT_PATH).length).toBeGreaterThan(0);
  });

  it('a bad document in a stream does not hide the good one after it', async () => {
    const path = join(dir, 'stream.yaml');
    writeFileSync(path, 'apiVersion: v1\nkind: Pod\nmetadata: {name: bad}\nspec:\n  containers: [{name: a, image: *nope}]\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: good}\nspec:\n  hostPID: true\n  containers: [{name: a, image: x}]\n');
    const { code, stdout } = await caplint(['audit', '--format', 'json', path]);
    expect(code).toBe(2);
    const report = JSON.parse(stdout) as AuditReport;
    expect(report.errors.map((e) => [e.line, e.message])).toEqual([[5, 'not valid YAML: the alias *nope names no anchor defined before it']]);
    expect(report.findings.some((f) => f.subject === 'Pod/good container a' && f.ruleId === 'namespaces/no-host-namespaces')).toBe(true);
  });

  it('a refused long list costs its document only: the pod after it is audited at its own lines', async () => {
    const path = join(dir, 'long-stream.yaml');
    const text = `apiVersion: v1\nkind: Pod\nmetadata: {name: long}\nspec:\n  containers: [{name: a, image: x}]\n  x: [${Array(150_000).fill('1').join(', ')}]\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: good}\nspec:\n  hostPID: true\n  containers: [{name: a, image: x}]\n`;
    writeFileSync(path, text);
    const { code, stdout } = await caplint(['audit', '--format', 'json', path]);
    expect(code).toBe(2);
    const report = JSON.parse(stdout) as AuditReport;
    expect(report.errors.map((e) => [e.line, e.column, e.message])).toEqual([[6, 6, 'not valid YAML: a list or map of more than 100,000 items starts here, more than caplint reads in one document']]);
    const hostPid = report.findings.find((f) => f.subject === 'Pod/good container a' && f.ruleId === 'namespaces/no-host-namespaces');
    expect(hostPid).toMatchObject({ line: 12, column: 3 });
    expect(report.findings.every((f) => f.subject === 'Pod/good container a')).toBe(true);
  });

  it('a list of 20,000 items is audited', async () => {
    const path = join(dir, 'long.yaml');
    writeFileSync(path, `services:\n  web:\n    image: x\n    cap_add:\n${'    - NET_ADMIN\n'.repeat(20_000)}`);
    const { code, stdout } = await caplint(['audit', '--format', 'json', path]);
    expect(code).toBe(1);
    expect((JSON.parse(stdout) as AuditReport).findings.some((f) => f.message.includes('CAP_NET_ADMIN'))).toBe(true);
  });
});

/**
 * Found by the fuzz harness: an OCI config whose inline seccomp profile names
 * no real syscall made three rules "fail" with an unplaced error each; it is
 * one error placed at the name, and the other input is still audited.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditReport } from '../../engine/model/finding.js';
import { caplint } from '../helpers/cli.js';
import { HARDENED_PATH, RUNC_DEFAULT_PATH } from '../helpers/oci.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'caplint-profile-errors-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a seccomp profile inside a config that names no syscall', () => {
  it('is one error at the name, not a rule failure per rule', async () => {
    const text = readFileSync(HARDENED_PATH, 'utf8').replace(/"names": \[\s*"[a-z_0-9]+"/, (m) => m.replace(/"[a-z_0-9]+"$/, '"not_a_syscall"'));
    expect(text).toContain('"not_a_syscall"');
    const path = join(dir, 'config.json');
    writeFileSync(path, text);
    const { code, stdout } = await caplint(['audit', '--format', 'json', path, RUNC_DEFAULT_PATH]);
    expect(code).toBe(2);
    const report = JSON.parse(stdout) as AuditReport;
    const line = text.split('\n').findIndex((l) => l.includes('"not_a_syscall"')) + 1;
    expect(report.errors.map((e) => [e.file, e.line, e.message.split(' (')[0]])).toEqual([[path, line, '"not_a_syscall" is not a system call on any architecture']]);
    expect(report.findings.some((f) => f.file === RUNC_DEFAULT_PATH)).toBe(true);
  });
});

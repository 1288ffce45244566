/**
 * terminalSafe, and the human-readable formats fed a hostile file name and
 * metadata.name: no raw ESC, CR, LF-in-a-field or bidi override reaches the
 * output; JSON keeps the exact strings.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { terminalSafe } from '../../reports/common/terminal.js';
import { caplint } from '../helpers/cli.js';

describe('terminalSafe', () => {
  it('writes controls, CR, LF, C1 and bidi overrides as visible escapes and leaves the rest', () => {
    expect(terminalSafe('\x1b[2J')).toBe('\\x1b[2J');
    expect(terminalSafe('a\r\nb\tc')).toBe('a\\r\\nb\\tc');
    expect(terminalSafe('\x1b]8;;http://x\x07link\x1b]8;;\x07')).toBe('\\x1b]8;;http://x\\x07link\\x1b]8;;\\x07');
    expect(terminalSafe('\x9b31m\x7f\x00')).toBe('\\x9b31m\\x7f\\x00');
    expect(terminalSafe('evil\u202etxt.exe\u2028')).toBe('evil\\u202etxt.exe\\u2028');
    expect(terminalSafe('Deployment/web container "nginx" — ünïcödé 🚀 \\path')).toBe('Deployment/web container "nginx" — ünïcödé 🚀 \\path');
  });
});

describe('a hostile file name and metadata.name', () => {
  const dir = mkdtempSync(join(tmpdir(), 'caplint-terminal-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const NAME = 'web\x1b[2J\r\nFORGED';
  const file = join(dir, 'pod\x1b]0;owned\x07\nFORGED.yaml');
  writeFileSync(file, [
    'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: "web\\e[2J\\r\\nFORGED"', 'spec:', '  containers:',
    '    - name: "app\\e[31m"', '      image: nginx', '      securityContext:', '        privileged: true', '',
  ].join('\n'));
  const RAW = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]/;

  // Markdown escapes the backslash and the bracket once more, so the escape renders as written.
  const VISIBLE: Record<string, string> = { text: '\\x1b[2J', github: '\\x1b[2J', markdown: '\\\\x1b\\[2J' };
  for (const format of ['text', 'markdown', 'github']) {
    it(`--format ${format}: nothing raw, no forged line`, async () => {
      const r = await caplint(['audit', file, '--format', format]);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('privileged');
      expect(r.stdout).not.toMatch(RAW);
      expect(r.stdout.split('\n').some((line) => line.startsWith('FORGED'))).toBe(false);
      expect(r.stdout).toContain(VISIBLE[format]);
    });
  }

  it('--format json keeps the exact file and subject names', async () => {
    const r = await caplint(['audit', file, '--format', 'json']);
    const report = JSON.parse(r.stdout) as { findings: { file: string; subject: string }[] };
    expect(report.findings.some((f) => f.file === file)).toBe(true);
    expect(report.findings.some((f) => f.subject.includes(NAME))).toBe(true);
  });
});

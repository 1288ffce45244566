/**
 * Code frames of long lines: a minified one-line config.json (as containerd
 * and podman write bundles) or any span past column 160 gets a clipped,
 * readable frame with the carets under the span, never a crash.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../engine/model/finding.js';
import { codeFrame, frameText, FRAME_WIDTH } from '../../reports/common/code-frame.js';
import { REPORT_FORMATS } from '../../reports/index.js';
import { caplint } from '../helpers/cli.js';
import { expectGolden } from '../helpers/golden.js';
import { Random } from '../helpers/random.js';

const MINIFIED = fileURLToPath(new URL('../fixtures/long-lines/minified-config.json', import.meta.url));

function finding(line: number, column: number, endColumn: number): Finding {
  return {
    ruleId: 'capabilities/no-dangerous', severity: 'high', message: 'm', rationale: 'r', remediation: 'h', subject: 's', subjectKind: 'oci',
    file: 'config.json', pointer: '', line, column, endLine: line, endColumn,
  } as Finding;
}

describe('long lines in code frames', () => {
  it('a minified config.json is audited and framed, each frame line clipped to the width', async () => {
    const { code, stdout } = await caplint(['audit', MINIFIED]);
    expect(code).toBe(1);
    const frame = stdout.split('\n').filter((l) => / [>] \d+ \| /.test(l));
    expect(frame.length).toBeGreaterThan(0);
    for (const line of frame) expect(line.slice(line.indexOf('| ') + 2).length).toBeLessThanOrEqual(FRAME_WIDTH);
    const sysAdmin = stdout.indexOf('holds CAP_SYS_ADMIN');
    expect(sysAdmin).toBeGreaterThan(0);
    const [, textLine, carets] = stdout.slice(sysAdmin).split('\n');
    const at = carets!.indexOf('^');
    expect(textLine!.slice(at, carets!.lastIndexOf('^') + 1)).toBe('"CAP_SYS_ADMIN"');
    expect(textLine).toMatch(/^ {2}> 1 \| …/);
  });

  it('every format renders the minified config (text golden)', async () => {
    const { stdout } = await caplint(['audit', MINIFIED, '--format', 'json']);
    const report = JSON.parse(stdout) as { findings: Finding[] };
    const source = (await import('node:fs')).readFileSync(MINIFIED, 'utf8');
    const full = { findings: report.findings, errors: [], summary: (JSON.parse(stdout) as { summary: never }).summary, rules: [], sources: new Map([[report.findings[0]!.file!, source]]), policy: 'p', subjects: [] };
    for (const load of Object.values(REPORT_FORMATS)) expect((await load())(full as never, { color: false, cwd: '/' })).toContain('CAP_SYS_ADMIN');
    const text = await (await REPORT_FORMATS.text!())(full as never, { color: false, cwd: '/' });
    expectGolden('long-lines/minified.txt', text.replaceAll(report.findings[0]!.file!, 'config.json'));
  });

  it('random spans on random long lines: the carets stay under the span text that is shown', () => {
    const rng = new Random(1313);
    const random = () => rng.next();
    for (let i = 0; i < 500; i++) {
      const length = 1 + Math.floor(random() * 2000);
      const text = Array.from({ length }, (_, k) => String.fromCharCode(97 + ((k * 7 + i) % 26))).join('');
      const from = 1 + Math.floor(random() * length);
      const to = from + 1 + Math.floor(random() * 60);
      const [line] = codeFrame(`${text}\n`, finding(1, from, to), 1);
      expect(line!.text.length).toBeLessThanOrEqual(FRAME_WIDTH);
      const [a, b] = line!.underline!;
      expect(b).toBeGreaterThan(a);
      const shown = line!.text.slice(a, b).replace(/…$/, '');
      expect(text.slice(from - 1, Math.min(to - 1, length))).toContain(shown);
      expect(frameText([line!])).not.toContain('undefined');
    }
  });

  it('a span past column 160 on a normal line no longer crashes the text report', async () => {
    const source = `{\n  "x": ${' '.repeat(200)}"CAP_SYS_ADMIN"\n}\n`;
    const f = finding(2, 208, 223);
    const text = await (await REPORT_FORMATS.text!())({ findings: [f], errors: [], summary: { inputs: 1, subjects: 1, findings: 1, errors: 0, bySeverity: { info: 0, low: 0, medium: 0, high: 1, critical: 0 }, failOn: 'high', failed: true }, rules: [], sources: new Map([['config.json', source]]), policy: 'p', subjects: [] } as never, { color: false, cwd: '/' });
    const lines = text.split('\n');
    const i = lines.findIndex((l) => l.includes('"CAP_SYS_ADMIN"'));
    expect(lines[i + 1]!.slice(lines[i]!.indexOf('"CAP_SYS_ADMIN"')).startsWith('^^^^^^^^^^^^^^^')).toBe(true);
  });
});

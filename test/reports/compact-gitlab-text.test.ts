/** compact (with the shipped GitHub problem matcher), gitlab, text wrapping and suppressed findings. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CURRENT_FINDINGS, FIXTURE_REPORT, SUPPRESSED } from '../fixtures/reports/audit-report.js';
import { ROOT } from '../helpers/cli.js';
import { render } from '../helpers/render.js';
import { wrapText } from '../../reports/common/wrap.js';
import text from '../../reports/text.js';

interface Pattern { regexp: string; file: number; line: number; column: number; code: number; message: number }
const matcher = JSON.parse(readFileSync(join(ROOT, 'problem-matchers/caplint.json'), 'utf8')) as {
  problemMatcher: { owner: string; severity: string; pattern: Pattern[] }[];
};

/** What GitHub would annotate from a line: the first matcher whose regexp matches it. */
function annotate(line: string) {
  for (const m of matcher.problemMatcher) {
    const p = m.pattern[0]!;
    const hit = new RegExp(p.regexp).exec(line);
    if (hit) return { severity: m.severity, file: hit[p.file], line: Number(hit[p.line]), column: Number(hit[p.column]), code: hit[p.code], message: hit[p.message] };
  }
  return undefined;
}

describe('compact', () => {
  it('is one line per finding and input error that the problem matcher reads, then the summary', async () => {
    const lines = (await render('compact')).trimEnd().split('\n');
    const annotated = lines.map(annotate).filter((a) => a !== undefined);
    expect(annotated).toHaveLength(CURRENT_FINDINGS.length + FIXTURE_REPORT.errors.length);
    expect(annotated[0]).toEqual({
      severity: 'error', file: 'compose/app.json', line: 3, column: 44, code: 'capabilities/no-dangerous',
      message: 'service "app" adds CAP_NET_ADMIN to its capabilities.',
    });
    expect(annotated.find((a) => a.code === 'no-new-privs/required')).toMatchObject({ severity: 'warning', file: 'configs/web/config.json', line: 5, column: 5 });
    expect(annotated.find((a) => a.code === 'input')).toMatchObject({ severity: 'error', file: 'broken.json', line: 3, column: 14 });
    expect(lines.at(-1)).toMatch(/^✖ 9 findings .* 1 suppressed/);
  });

  it('keeps a message with line breaks on its line', async () => {
    const line = (await render('compact')).split('\n').find((l) => l.includes('privileged/not-privileged'))!;
    expect(line).toContain('runs privileged.\\r\\nEvery host device'); // CR/LF as visible escapes (terminalSafe)
    expect(annotate(line)).toMatchObject({ severity: 'error', line: 10, column: 30 });
  });

  it('lists suppressed findings, marked, only with --show-suppressed', async () => {
    expect(await render('compact')).not.toContain('suppressed-high');
    const shown = await render('compact', FIXTURE_REPORT, '/repo', true);
    const line = shown.split('\n').find((l) => l.includes('suppressed-high'))!;
    expect(line).toBe('compose/app.json:3:44: suppressed-high seccomp/required service "app" runs without a seccomp filter. (suppressed: runs under gVisor, which filters syscalls itself)');
    expect(annotate(line)).toBeUndefined();
  });
});

describe('gitlab', () => {
  it('is a Code Quality array: one issue per current finding, unique fingerprints, GitLab severities', async () => {
    const issues = JSON.parse(await render('gitlab')) as { check_name: string; fingerprint: string; severity: string; location: { path: string; lines: { begin: number } } }[];
    expect(issues).toHaveLength(CURRENT_FINDINGS.length);
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
    expect(issues[0]).toMatchObject({ check_name: 'capabilities/no-dangerous', severity: 'critical', location: { path: 'compose/app.json', lines: { begin: 3 } } });
    expect(issues.find((i) => i.check_name === 'privileged/not-privileged')!.severity).toBe('blocker');
    const seccomp = issues.filter((i) => i.check_name === SUPPRESSED[0]!.ruleId);
    expect(seccomp.map((i) => i.location.path)).toEqual(['configs/web/config.json']); // the suppressed one in compose/app.json is not there
    for (const i of issues) expect(['info', 'minor', 'major', 'critical', 'blocker']).toContain(i.severity);
  });
});

describe('text', () => {
  it('wraps at word boundaries and indents continuation lines under the text', () => {
    const lines = wrapText('Pod/web container web holds CAP_SYS_ADMIN in its bounding set, which was granted on purpose.', 40, '  × ');
    expect(lines).toEqual([
      '  × Pod/web container web holds',
      '    CAP_SYS_ADMIN in its bounding set,',
      '    which was granted on purpose.',
    ]);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(40);
  });

  it('keeps a word longer than the width whole, and ignores colour codes when measuring', () => {
    expect(wrapText(`a ${'x'.repeat(50)} b`, 30, '> ')).toEqual(['> a', `  ${'x'.repeat(50)}`, '  b']);
    expect(wrapText('one two', 30, '\u001b[31m×\u001b[39m ')[0]).toBe('\u001b[31m×\u001b[39m one two');
  });

  it('wraps the help line at the terminal width, words intact', () => {
    const out = text(FIXTURE_REPORT, { color: false, cwd: '/repo', columns: 50 });
    const help = out.split('\n').findIndex((l) => l.startsWith('  help: Drop the capability'));
    expect(out.split('\n').slice(help, help + 2)).toEqual([
      '  help: Drop the capability; if the workload needs',
      '        it, grant it alone and document why.',
    ]);
  });

  it('counts suppressed findings in the summary and lists them with their reason on request', () => {
    const plain = text(FIXTURE_REPORT, { color: false, cwd: '/repo' });
    expect(plain).toContain('1 suppressed (--show-suppressed lists them)');
    expect(plain).not.toContain('runs under gVisor');
    const shown = text(FIXTURE_REPORT, { color: false, cwd: '/repo', showSuppressed: true });
    expect(shown).toContain('/repo/compose/app.json:3:44  suppressed high  seccomp/required\n  - service "app" runs without a seccomp filter.\n  suppressed by caplint.dev/ignore: runs under gVisor, which filters syscalls itself\n');
  });
});

/**
 * A run whose only trouble is an input that could not be read is not a pass
 * in any format: what was not read was not audited.
 */
import { describe, expect, it } from 'vitest';
import { EMPTY_REPORT, ERRORS } from '../fixtures/reports/audit-report.js';
import { render } from '../helpers/render.js';
import { verdictOf } from '../../reports/common/verdict.js';
import type { AuditReport } from '../../engine/model/finding.js';

const UNREAD: AuditReport = { ...EMPTY_REPORT, errors: ERRORS.slice(0, 1), summary: { ...EMPTY_REPORT.summary, errors: 1 } };

describe('the verdict with input errors and no finding', () => {
  it('is "not passed", and clean runs and failing runs keep theirs', () => {
    expect(verdictOf(UNREAD.summary)).toBe('not passed');
    expect(verdictOf(EMPTY_REPORT.summary)).toBe('passed');
    expect(verdictOf({ failed: true, errors: 1 })).toBe('failed');
  });

  it.each([['text'], ['compact'], ['markdown'], ['github'], ['html']] as const)('%s never says passed', async (format) => {
    // What a reader sees: for HTML, the text without the stylesheet and the tags.
    const visible = (text: string) => (format === 'html' ? text.replace(/<style>[\s\S]*?<\/style>|<script>[\s\S]*?<\/script>|<[^>]+>/g, ' ') : text);
    const out = visible(await render(format, UNREAD));
    expect(out).toMatch(/not passed/);
    expect(out.replace(/not passed/g, '')).not.toMatch(/\bpassed\b/);
    expect(visible(await render(format, EMPTY_REPORT))).toMatch(/\bpassed\b/);
  });
});

import { describe, expect, it } from 'vitest';
import type { Finding } from '../../engine/model/finding.js';
import { COMMENT_LIMIT } from '../../reports/markdown.js';
import { CURRENT_FINDINGS, FIXTURE_REPORT } from '../fixtures/reports/audit-report.js';
import { render } from '../helpers/render.js';

describe('markdown', () => {
  it('lists current findings, leaves fixed ones out and says how many were fixed', async () => {
    const md = await render('markdown');
    expect(md).toContain('1 fixed since the baseline');
    expect(md).not.toContain('CAP\\_NET\\_RAW');
    expect(md.match(/^\| (critical|high|medium|low|info) \| \[/gm)).toHaveLength(CURRENT_FINDINGS.length);
  });

  it('folds rationale and remediation into <details> per subject', async () => {
    const md = await render('markdown');
    expect(md.match(/<details>/g)).toHaveLength(5);
    expect(md.match(/<\/details>/g)).toHaveLength(5);
  });

  it('shortens a report too long for one pull-request comment, and says so', async () => {
    const base = CURRENT_FINDINGS[0]!;
    const many: Finding[] = Array.from({ length: 3000 }, (_, i) => ({ ...base, subject: `container "c${i}"`, message: `${base.message} (${i})` }));
    const md = await render('markdown', { ...FIXTURE_REPORT, findings: many });
    expect(md.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(md).toContain('Shortened to fit a comment');
    expect(md).toContain('| high | 3000 |');
  });
});

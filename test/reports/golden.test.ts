import { describe, expect, it } from 'vitest';
import { EMPTY_REPORT, FINDINGS } from '../fixtures/reports/audit-report.js';
import { compareFindings } from '../../reports/common/order.js';
import { FORMAT_NAMES } from '../../reports/index.js';
import { expectGolden } from '../helpers/golden.js';
import { FORMATS, GOLDEN_NAME, render } from '../helpers/render.js';

describe('report goldens', () => {
  it('the fixture findings are sorted by file, line, column', () => {
    expect([...FINDINGS].sort(compareFindings)).toEqual(FINDINGS);
  });

  it('every format is registered', () => {
    for (const format of FORMATS) expect(FORMAT_NAMES).toContain(format);
  });

  for (const format of FORMATS) {
    it(`${format} matches test/golden/${GOLDEN_NAME[format]}`, async () => {
      expectGolden(GOLDEN_NAME[format], await render(format));
    });

    it(`${format} of a clean run matches test/golden/empty/${GOLDEN_NAME[format]}`, async () => {
      expectGolden(`empty/${GOLDEN_NAME[format]}`, await render(format, EMPTY_REPORT));
    });

    it(`${format} does not depend on the order findings arrive in`, async () => {
      const { FIXTURE_REPORT } = await import('../fixtures/reports/audit-report.js');
      const shuffled = { ...FIXTURE_REPORT, findings: [...FIXTURE_REPORT.findings].reverse() };
      expect(await render(format, shuffled)).toBe(await render(format));
    });
  }
});

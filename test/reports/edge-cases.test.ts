/** Odd but possible findings: positions out of range, files without text, absolute paths outside cwd. */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../engine/model/finding.js';
import { FIXTURE_REPORT } from '../fixtures/reports/audit-report.js';
import { FORMATS, render } from '../helpers/render.js';
import { sarifValidator } from '../helpers/sarif-schema.js';

const base = FIXTURE_REPORT.findings[0]!;
const ODD: Finding[] = [
  { ...base, file: 'configs/web/config.json', line: 0, column: 0, endLine: null, endColumn: null, message: 'line 0' },
  { ...base, file: 'configs/web/config.json', line: 400, column: 3, endLine: 400, endColumn: 1, message: 'past the end' },
  { ...base, file: 'not-in-sources.json', line: 2, column: 5, endLine: 3, endColumn: 1, message: 'no text' },
  { ...base, file: '/elsewhere/outside cwd.json', line: 1, column: 1, endLine: 1, endColumn: 2, message: 'outside cwd' },
];
const report = { ...FIXTURE_REPORT, findings: ODD };

describe('edge cases', () => {
  for (const format of FORMATS) {
    it(`${format} renders positions out of range and files without text`, async () => {
      const out = await render(format, report);
      for (const f of ODD) expect(out).toContain(f.message);
    });
  }

  it('sarif stays schema-valid and clamps regions to 1-based values', async () => {
    const validate = sarifValidator();
    const log = JSON.parse(await render('sarif', report)) as { runs: { results: { message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[] }[] }[] };
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const place = (message: string) => log.runs[0]!.results.find((r) => r.message.text === message)!.locations[0]!.physicalLocation;
    expect(place('line 0').region).toEqual({ startLine: 1, startColumn: 1, endLine: 1 });
    expect(place('past the end').region).toEqual({ startLine: 400, startColumn: 3, endLine: 400, endColumn: 3 });
    expect(place('outside cwd').artifactLocation.uri).toBe('../elsewhere/outside%20cwd.json');
  });
});

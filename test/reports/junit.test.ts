import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { CURRENT_FINDINGS, EMPTY_REPORT, FIXTURE_REPORT } from '../fixtures/reports/audit-report.js';
import { render } from '../helpers/render.js';

interface Case { name: string; classname: string; file?: string; failure?: { type: string; message: string; '#text': string }[]; error?: { message: string; '#text': string }[] }
interface Suite { name: string; tests: string; failures: string; errors: string; testcase: Case[] }

async function parse(report = FIXTURE_REPORT): Promise<{ tests: string; failures: string; errors: string; testsuite?: Suite[] }> {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', htmlEntities: true, isArray: (name) => ['testsuite', 'testcase', 'failure', 'error'].includes(name) });
  return (parser.parse(await render('junit', report)) as { testsuites: never }).testsuites;
}

describe('junit', () => {
  it('has one testcase per subject and applying rule, failed where the rule found something', async () => {
    const root = await parse();
    const suites = root.testsuite!;
    const web = suites.find((s) => s.name === 'configs/web/config.json: container "web"')!;
    expect(web.testcase.map((c) => c.name)).toEqual([
      'capabilities/no-dangerous', 'limits/memory', 'namespaces/no-host-pid', 'no-new-privs/required', 'privileged/not-privileged', 'seccomp/required',
    ]);
    expect(web.testcase.filter((c) => c.failure).map((c) => c.name)).toEqual(['capabilities/no-dangerous', 'limits/memory', 'no-new-privs/required', 'seccomp/required']);
    const process = suites.find((s) => s.name === 'pid 4242 (nginx)')!;
    expect(process.testcase.map((c) => c.name)).not.toContain('privileged/not-privileged');
    expect(process.testcase.map((c) => c.name)).toContain('subject/info');
    expect(Number(root.failures)).toBe(CURRENT_FINDINGS.length);
    expect(Number(root.tests)).toBe(suites.reduce((n, s) => n + s.testcase.length, 0));
  });

  it('gives failures the message and file:line:col', async () => {
    const suites = (await parse()).testsuite!;
    const failure = suites.flatMap((s) => s.testcase).find((c) => c.failure?.[0]?.message.includes('CAP_SYS_ADMIN'))!.failure![0]!;
    expect(failure.type).toBe('high');
    expect(failure['#text']).toContain('configs/web/config.json:10:9: high capabilities/no-dangerous');
  });

  it('reports input errors as errored testcases', async () => {
    const root = await parse();
    const errors = root.testsuite!.find((s) => s.name === 'input errors')!;
    expect(Number(root.errors)).toBe(2);
    expect(errors.testcase.map((c) => [c.name, c.error![0]!['#text']])).toEqual([
      ['broken.json', 'broken.json:3:14: "CAP_SYS_ADMN" is not a capability (did you mean CAP_SYS_ADMIN?)'],
      ['missing.json', 'missing.json: cannot read the file: no such file or directory'],
    ]);
  });

  it('is a valid empty document for a clean run', async () => {
    const root = await parse(EMPTY_REPORT);
    expect([root.tests, root.failures, root.errors]).toEqual(['0', '0', '0']);
  });
});

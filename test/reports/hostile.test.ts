/**
 * Hostile text in every format: a container named `<script>alert(1)</script>`,
 * messages with `%`, CR/LF, `|`, backticks, `]]>` and `<!--`. Each format
 * must carry the text through as text, never as markup or a new command.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { CURRENT_FINDINGS, FIXTURE_REPORT, HOSTILE_NAME } from '../fixtures/reports/audit-report.js';
import { render } from '../helpers/render.js';
import { terminalSafe } from '../../reports/common/terminal.js';

const PRIVILEGED = FIXTURE_REPORT.findings.find((f) => f.ruleId === 'privileged/not-privileged')!;
const HOST_PID = FIXTURE_REPORT.findings.find((f) => f.ruleId === 'namespaces/no-host-pid')!;

describe('hostile text', () => {
  it('sarif: JSON carries every message exactly', async () => {
    const log = JSON.parse(await render('sarif')) as { runs: { results: { message: { text: string } }[] }[] };
    const messages = log.runs[0]!.results.map((r) => r.message.text);
    expect(messages).toContain(PRIVILEGED.message);
    expect(messages).toContain(HOST_PID.message);
  });

  it('junit: well-formed XML whose attributes give back the exact message, CR/LF included', async () => {
    const xml = await render('junit');
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).not.toContain('<script');
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', htmlEntities: true, isArray: (name) => ['testsuites', 'testsuite', 'testcase', 'failure'].includes(name) }).parse(xml) as unknown;
    const suites = (parsed as { testsuites: { testsuite: { testcase: { failure?: { message: string }[] }[] }[] }[] }).testsuites[0]!.testsuite;
    const messages = suites.flatMap((s) => s.testcase.flatMap((c) => (c.failure ?? []).map((f) => f.message)));
    expect(messages).toContain(PRIVILEGED.message);
  });

  it('github: one line per annotation, data and properties decode to the text with its controls made visible', async () => {
    const lines = (await render('github')).trimEnd().split('\n');
    expect(lines).toHaveLength(CURRENT_FINDINGS.length + FIXTURE_REPORT.errors.length + 1);
    const line = lines.find((l) => l.includes('privileged/not-privileged'))!;
    const [, name, props, data] = /^::(\w+) ([^:]*)::(.*)$/.exec(line)!;
    expect(name).toBe('error');
    const decode = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
    expect(decode(data!).startsWith(terminalSafe(PRIVILEGED.message))).toBe(true);
    expect(PRIVILEGED.message).toMatch(/\r\n/); // the fixture's CR/LF arrive as the visible \r\n
    expect(decode(data!)).toContain('privileged.\\r\\nEvery host device');
    const fields = Object.fromEntries(props!.split(',').map((p) => p.split('=') as [string, string]));
    expect(fields).toMatchObject({ file: 'k8s/hostile-pod.json', line: '10', col: '30', title: 'critical privileged/not-privileged' });
  });

  it('markdown: no raw HTML, no broken table row, no mention or math', async () => {
    const md = await render('markdown');
    const outsideFences = md.replace(/^(`{3,})text\n[\s\S]*?\n\1$/gm, '');
    expect(outsideFences).not.toMatch(/<(?!\/?(details|summary|br)>)[a-z!/]/i);
    const row = outsideFences.split('\n').find((l) => l.startsWith('| critical | ['))!;
    expect(row.replace(/\\\|/g, '').match(/\|/g)).toHaveLength(6);
    expect(outsideFences).toContain('Pod/x\\|y\\`z container &lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('html: the hostile name is text, never an element', async () => {
    const page = await render('html');
    expect(page.match(/<script/gi)).toHaveLength(1); // the report's own filter, hashed in the CSP
    expect(page).toMatch(/<script>\n\(\(\) => \{\n {2}const order = /);
    expect(page).not.toContain('<!-- and');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.split(HOSTILE_NAME)).toHaveLength(1);
  });
});

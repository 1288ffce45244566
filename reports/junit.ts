/**
 * JUnit XML for CI test views: a testsuite per subject with a testcase per
 * rule that applies to it (failed when the rule found something), and input
 * errors as errored testcases.
 */
import type { ReportFormatter } from '../engine/model/finding.js';
import { escapeMarkup, escapeMarkupAttr } from './common/escape.js';
import { suites } from './junit/cases.js';
import type { Suite, TestCase } from './junit/cases.js';

type Attrs = Readonly<Record<string, string | number | undefined>>;

function attrs(values: Attrs): string {
  return Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeMarkupAttr(String(v))}"`)
    .join('');
}

function counts(cases: readonly TestCase[]): Attrs {
  return {
    tests: cases.length,
    failures: cases.filter((c) => c.outcome?.kind === 'failure').length,
    errors: cases.filter((c) => c.outcome?.kind === 'error').length,
    skipped: 0,
  };
}

function testcase(c: TestCase): string {
  const head = `    <testcase${attrs({ name: c.name, classname: c.classname, file: c.file, line: c.line })}`;
  if (!c.outcome) return `${head}/>`;
  const { kind, type, message, body } = c.outcome;
  return `${head}>\n      <${kind}${attrs({ type, message })}>${escapeMarkup(body)}</${kind}>\n    </testcase>`;
}

function testsuite(suite: Suite): string {
  const props = suite.properties.map(([name, value]) => `      <property${attrs({ name, value })}/>`);
  return [
    `  <testsuite${attrs({ name: suite.name, ...counts(suite.cases) })}>`,
    ...(props.length ? ['    <properties>', ...props, '    </properties>'] : []),
    ...suite.cases.map(testcase),
    '  </testsuite>',
  ].join('\n');
}

const junit: ReportFormatter = (report, { cwd }) => {
  const all = suites(report, cwd);
  const cases = all.flatMap((s) => s.cases);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: `caplint audit (policy ${report.policy})`, ...counts(cases) })}>`,
    ...all.map(testsuite),
    '</testsuites>',
    '',
  ].join('\n');
};

export default junit;

/** The HTML matrix marks only what a rule judged; docs link to the package when no base URL is set. */
import { describe, expect, it } from 'vitest';
import { limitsCell, namespacesCell, seccompCell } from '../../reports/html/matrix-cells.js';
import { docsLink } from '../../reports/html/findings.js';
import type { Namespaces } from '../../engine/model/subject.js';
import { RULES } from '../fixtures/reports/rules.js';

const ns = (host: string[]) => Object.fromEntries(['mnt', 'pid', 'net', 'ipc', 'uts', 'user', 'cgroup', 'time']
  .map((t) => [t, host.includes(t) ? { state: 'host' } : { state: 'isolated' }])) as unknown as Namespaces;

describe('html matrix cells', () => {
  it('shows a host namespace no finding names as a plain fact, and a judged one in red', () => {
    const cell = namespacesCell(ns(['pid', 'time']), ['Pod/web shares the host PID namespace.']).value;
    expect(cell).toContain('<span class="bad">pid</span>');
    expect(cell).toContain('<span class="plain">time</span>');
    expect(namespacesCell(ns(['net']), ['shares the host network namespace']).value).toContain('<span class="bad">net</span>');
    expect(namespacesCell(ns(['time'])).value).not.toContain('class="bad"');
  });

  it('marks seccomp and limits bad only with a finding in their column', () => {
    expect(seccompCell({ mode: 'unconfined' } as never, false).value).toBe('<span class="plain">unconfined</span>');
    expect(seccompCell({ mode: 'unconfined' } as never, true).value).toBe('<span class="bad">unconfined</span>');
    const limits = { memory: null, pids: null, cpu: null } as never;
    const cell = limitsCell(limits, ['container "web" has no memory limit.']).value;
    expect(cell).toContain('memory: <span class="bad">none</span>');
    expect(cell).toContain('pids: <span class="plain">none</span>');
  });
});

describe('html docs links', () => {
  const rule = RULES[0]!;
  it('link to the published page with a base URL, else to the installed package, else show the path', () => {
    expect(docsLink(rule, { version: '1', docsBaseUri: 'https://docs.example/caplint/' }).value).toContain(`href="https://docs.example/caplint/${rule.docsPath}"`);
    expect(docsLink(rule, { version: '1', packageUri: 'file:///opt/caplint/' }).value).toContain(`href="file:///opt/caplint/${rule.docsPath}"`);
    expect(docsLink(rule, { version: '1' }).value).toBe(`<span class="docs">${rule.docsPath}</span>`);
  });
});

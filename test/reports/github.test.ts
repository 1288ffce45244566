import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty } from '../../reports/github.js';
import { render } from '../helpers/render.js';

describe('github annotations', () => {
  it('escapes data and properties by the workflow-command rules', () => {
    expect(escapeData('50% done\r\nnext: a,b')).toBe('50%25 done%0D%0Anext: a,b');
    expect(escapeProperty('dir,1/a:b.json\n%')).toBe('dir%2C1/a%3Ab.json%0A%25');
  });

  it('maps critical/high to error, medium/low to warning, info to notice', async () => {
    const lines = (await render('github')).split('\n');
    const kind = (rule: string) => /^::(\w+)/.exec(lines.find((l) => l.includes(` ${rule}::`))!)![1];
    expect([kind('privileged/not-privileged'), kind('namespaces/no-host-pid')]).toEqual(['error', 'error']);
    expect([kind('seccomp/required'), kind('limits/memory')]).toEqual(['warning', 'warning']);
    expect(kind('subject/info')).toBe('notice');
  });

  it('places file annotations with line, col, endLine, endColumn, and none for stdin or processes', async () => {
    const lines = (await render('github')).split('\n');
    const placed = '::error file=configs/web/config.json,line=10,col=9,endLine=10,endColumn=24,title=high capabilities/no-dangerous::';
    expect(lines.filter((l) => l.startsWith(placed))).toHaveLength(1);
    for (const l of lines.filter((l) => l.includes('subject/info') || l.includes('<stdin>'))) expect(l).not.toContain('file=');
  });
});

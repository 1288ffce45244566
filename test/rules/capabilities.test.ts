import { describe, expect, it } from 'vitest';
import { columnOf, hardened, lint, lineOf } from '../helpers/oci.js';

describe('capabilities/no-dangerous', () => {
  it('passes the hardened config', async () => {
    expect((await lint(hardened(), 'capabilities/no-dangerous')).findings).toEqual([]);
  });

  it('reports CAP_SYS_ADMIN as critical at its bounding entry, naming every set that holds it', async () => {
    const config = hardened();
    for (const set of ['bounding', 'effective', 'permitted']) config.process.capabilities[set].push('CAP_SYS_ADMIN');
    const { text, findings } = await lint(config, 'capabilities/no-dangerous');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'capabilities/no-dangerous',
      severity: 'critical',
      line: lineOf(text, '"CAP_SYS_ADMIN"'),
      message: 'container "app" holds CAP_SYS_ADMIN in its bounding, permitted and effective sets.',
    });
  });

  it('grades capabilities by their escape path', async () => {
    const config = hardened();
    config.process.capabilities.bounding.push('CAP_SYS_TIME', 'CAP_NET_ADMIN', 'CAP_LEASE');
    const { findings } = await lint(config, 'capabilities/no-dangerous');
    const bySeverity = Object.fromEntries(findings.map((f) => [f.message.match(/CAP_\w+/)![0], f.severity]));
    expect(bySeverity).toEqual({ CAP_SYS_TIME: 'medium', CAP_NET_ADMIN: 'high', CAP_LEASE: 'low' });
  });

  it('reports a config without process.capabilities once, as every capability', async () => {
    const config = hardened();
    delete config.process.capabilities;
    const { text, findings } = await lint(config, 'capabilities/no-dangerous');
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toMatch(/holds every capability \(41\) in its bounding set \(process\.capabilities is not set/);
    expect(findings[0]!.line).toBe(lineOf(text, '"process"'));
    expect(findings[0]!.pointer).toBe('/process');
  });
});

describe('capabilities/within-bounding', () => {
  it('passes when effective and permitted are within bounding', async () => {
    expect((await lint(hardened(), 'capabilities/within-bounding')).findings).toEqual([]);
  });

  it('reports an effective capability missing from bounding', async () => {
    const config = hardened();
    config.process.capabilities.effective.push('CAP_CHOWN');
    const { text, findings } = await lint(config, 'capabilities/within-bounding');
    expect(findings.map((f) => [f.ruleId, f.line, f.message])).toEqual([
      ['capabilities/within-bounding', lineOf(text, '"CAP_CHOWN"'), 'container "app" has CAP_CHOWN in its effective set but not in its bounding set.'],
    ]);
  });
});

describe('capabilities/no-ambient and no-inheritable', () => {
  it('pass with empty sets', async () => {
    expect((await lint(hardened(), 'capabilities/no-ambient')).findings).toEqual([]);
    expect((await lint(hardened(), 'capabilities/no-inheritable')).findings).toEqual([]);
  });

  it('report each ambient and inheritable capability at its line', async () => {
    const config = hardened();
    config.process.capabilities.ambient = ['CAP_NET_BIND_SERVICE'];
    config.process.capabilities.inheritable = ['CAP_KILL'];
    const ambient = await lint(config, 'capabilities/no-ambient');
    expect(ambient.findings.map((f) => [f.ruleId, f.line])).toEqual([['capabilities/no-ambient', lineOf(ambient.text, '"CAP_NET_BIND_SERVICE"', 4)]]);
    const inheritable = await lint(config, 'capabilities/no-inheritable');
    expect(inheritable.findings.map((f) => [f.ruleId, f.line])).toEqual([['capabilities/no-inheritable', lineOf(inheritable.text, '"CAP_KILL"')]]);
  });
});

describe('unknown capability names', () => {
  it('are input errors with a did-you-mean, at the name', async () => {
    const config = hardened();
    config.process.capabilities.bounding.push('CAP_SYS_ADMN');
    const { text, errors } = await lint(config);
    expect(errors).toEqual([
      { file: 'config.json', line: lineOf(text, '"CAP_SYS_ADMN"'), column: columnOf(text, '"CAP_SYS_ADMN"'), message: '"CAP_SYS_ADMN" is not a capability (did you mean CAP_SYS_ADMIN?)' },
    ]);
  });

  it('bare names are accepted for analysis but reported as not OCI spelling', async () => {
    const config = hardened();
    config.process.capabilities.bounding.push('sys_admin');
    const { findings, errors } = await lint(config);
    expect(errors.map((e) => e.message)).toEqual(['"sys_admin" is not how OCI configs name capabilities; write "CAP_SYS_ADMIN"']);
    expect(findings.some((f) => f.ruleId === 'capabilities/no-dangerous' && f.message.includes('CAP_SYS_ADMIN'))).toBe(true);
  });
});

/**
 * compose: each applicable rule fires on the risky fixture at the line that
 * causes it, and never on the hardened one (anchors, merge keys, extends).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditText } from '../helpers/audit-text.js';
import { expectRuleLines } from '../helpers/rule-lines.js';

const ROOT = resolve(__dirname, '../..');
const read = (name: string) => readFileSync(resolve(ROOT, 'test/fixtures/compose', name), 'utf8');
const file = (name: string) => `test/fixtures/compose/${name}`;

/** rule id → lines of the risky fixture where it must fire (default policy). */
const DEFAULT: Readonly<Record<string, readonly number[]>> = {
  'capabilities/no-dangerous': [4, 19],
  'cgroups/cpu-limit': [2, 17, 20],
  'cgroups/memory-limit': [2, 17, 20],
  'cgroups/pids-limit': [2, 17, 20],
  'devices/no-host-devices': [14, 19],
  'kernel/namespaced-sysctls': [16],
  'lsm/profile': [9, 19],
  'mounts/no-sensitive-host-paths': [12],
  'namespaces/no-host-namespaces': [5],
  'privileges/no-new-privileges': [2, 17, 22],
  'privileges/no-root-without-userns': [6, 17, 20],
  'privileges/read-only-rootfs': [2, 17, 20],
  'seccomp/architectures': [8],
  'seccomp/default-deny': [8],
  'seccomp/no-risky-syscalls': [8],
  'seccomp/required': [19, 22],
};

const BASELINE: Readonly<Record<string, readonly number[]>> = {
  'pss/capabilities-baseline': [4],
  'pss/host-namespaces': [5],
  'pss/apparmor': [9],
  'pss/selinux': [10],
  'pss/host-path-volumes': [12],
  'pss/sysctls': [16],
  'pss/privileged': [19],
  'pss/seccomp-baseline': [22],
};

const RESTRICTED: Readonly<Record<string, readonly number[]>> = {
  'pss/capabilities-restricted': [2, 4, 17, 23],
  'pss/privilege-escalation': [2, 17, 22],
  'pss/run-as-non-root': [6, 17, 20],
  'pss/run-as-user': [6],
  'pss/volume-types': [12],
  'pss/seccomp-restricted': [22],
};

describe('compose input', () => {
  for (const [policy, table] of [['default', DEFAULT], ['pss-baseline', BASELINE], ['pss-restricted', RESTRICTED]] as const) {
    it(`risky.yaml: each rule of ${policy} fires at its line`, async () => {
      const { findings, errors } = await auditText(file('risky.yaml'), read('risky.yaml'), policy);
      expect(errors).toEqual([]);
      expectRuleLines(findings, table);
    });
    it(`hardened.yaml: no rule of ${policy} fires`, async () => {
      const { findings, errors, subjects } = await auditText(file('hardened.yaml'), read('hardened.yaml'), policy);
      expect(errors).toEqual([]);
      expect(subjects.map((s) => s.name)).toEqual(['service "web"', 'service "worker"']);
      // Docker's user namespace comes from the daemon (userns-remap), which a compose file does not show.
      expect(findings.filter((f) => f.ruleId !== 'namespaces/user-namespace').map((f) => `${f.line} ${f.ruleId}`)).toEqual([]);
      for (const rule of Object.keys(table)) expect(findings.some((f) => f.ruleId === rule)).toBe(false);
    });
  }

  it('merge keys and extends keep the settings and their lines', async () => {
    const { subjects, findings } = await auditText(file('hardened.yaml'), read('hardened.yaml'), 'default');
    const worker = subjects.find((s) => s.name === 'service "worker"')!;
    expect(worker.noNewPrivileges).toBe(true);
    expect(worker.capabilities.bounding).toEqual([]);
    expect(worker.limits.memory).toBe(256 * 1024 * 1024);
    expect(worker.user.uid).toBe(10001);
    expect(findings.filter((f) => f.ruleId === 'namespaces/user-namespace').map((f) => f.line)).toEqual([11, 19]);
  });

  it('an unreadable seccomp file is an error at its line, and the service is still audited', async () => {
    const text = 'services:\n  a:\n    image: x\n    security_opt: ["seccomp=missing.json"]\n';
    const { errors, subjects } = await auditText(file('inline.yaml'), text, 'default');
    expect(errors).toEqual([expect.objectContaining({ line: 4, message: expect.stringContaining('cannot read the seccomp profile missing.json') })]);
    expect(subjects[0]!.seccomp).toEqual({ mode: 'unknown', reason: 'the profile missing.json could not be read' });
  });

  it('a suppression label silences a rule; one without a reason is reported', async () => {
    const text = 'services:\n  a:\n    image: x\n    privileged: true\n    labels:\n      caplint.dev/ignore: "pss/privileged: CI builder"\n    x-caplint:\n      ignore: pss/host-namespaces\n';
    const { findings } = await auditText(file('s.yaml'), text, 'pss-baseline');
    expect(findings.map((f) => `${f.line} ${f.ruleId}`)).toEqual(['8 caplint/suppression']);
  });

  it('extends concatenates sequences and locates each item where it is written', async () => {
    const text = 'services:\n  base:\n    image: x\n    cap_add: [SYS_PTRACE]\n  child:\n    extends: base\n    cap_add:\n      - SYS_ADMIN\n';
    const { findings } = await auditText(file('e.yaml'), text, 'pss-baseline');
    const child = findings.filter((f) => f.subject === 'service "child"' && f.ruleId === 'pss/capabilities-baseline');
    expect(child.map((f) => `${f.line}:${f.column} ${f.message.split(' [')[0]}`)).toEqual([
      '4:15 service "child" adds the capability "SYS_PTRACE", which is not in the baseline set.',
      '8:9 service "child" adds the capability "SYS_ADMIN", which is not in the baseline set.',
    ]);
  });

  it('reads deploy.resources.limits, long volume syntax and relative bind mounts', async () => {
    const text = [
      'services:', '  a:', '    image: x', '    deploy:', '      resources:', '        limits: {cpus: "1.5", memory: 1g, pids: 64}',
      '    volumes:', '      - type: bind', '        source: /sys', '        target: /host-sys', '        read_only: true', '      - ./data:/data', '',
    ].join('\n');
    const { subjects, findings } = await auditText(file('d.yaml'), text);
    expect(subjects[0]!.limits).toEqual({ memory: 1024 ** 3, pids: 64, cpu: { quota: 150000, period: 100000 } });
    expect(subjects[0]!.mounts).toEqual([
      { destination: '/host-sys', source: '/sys', type: 'bind', options: ['ro'], bind: true, readOnly: true },
      { destination: '/data', source: './data', type: 'bind', options: [], bind: true, readOnly: false },
    ]);
    expect(findings.filter((f) => f.ruleId === 'mounts/no-sensitive-host-paths').map((f) => `${f.line} ${f.severity}`)).toEqual(['8 medium']);
  });
});


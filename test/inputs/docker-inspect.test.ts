/**
 * docker inspect: each applicable rule fires on the risky fixture at the
 * line of the field that causes it, and never on the hardened one.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditText } from '../helpers/audit-text.js';
import { expectRuleLines } from '../helpers/rule-lines.js';

const read = (name: string) => readFileSync(resolve(__dirname, '../fixtures/docker', name), 'utf8');

const DEFAULT: Readonly<Record<string, readonly number[]>> = {
  'capabilities/no-dangerous': [7, 28],
  'cgroups/cpu-limit': [19],
  'cgroups/memory-limit': [18],
  'cgroups/pids-limit': [20],
  'devices/no-host-devices': [16, 28],
  'kernel/namespaced-sysctls': [17],
  'lsm/profile': [5, 28],
  'mounts/no-sensitive-host-paths': [15],
  'namespaces/no-host-namespaces': [8, 9],
  'privileges/no-new-privileges': [2, 30],
  'privileges/no-root-without-userns': [22, 32],
  'privileges/read-only-rootfs': [6, 27],
  'seccomp/architectures': [12],
  'seccomp/default-deny': [12],
  'seccomp/no-risky-syscalls': [12],
  'seccomp/required': [28],
};

const BASELINE: Readonly<Record<string, readonly number[]>> = {
  'pss/capabilities-baseline': [7],
  'pss/host-namespaces': [8, 9],
  'pss/apparmor': [5],
  'pss/selinux': [13],
  'pss/host-path-volumes': [15],
  'pss/sysctls': [17],
  'pss/privileged': [28],
  'pss/seccomp-baseline': [30],
};

const RESTRICTED: Readonly<Record<string, readonly number[]>> = {
  'pss/capabilities-restricted': [6, 7, 29],
  'pss/privilege-escalation': [2, 30],
  'pss/run-as-non-root': [22, 32],
  'pss/run-as-user': [22],
  'pss/volume-types': [15],
  'pss/seccomp-restricted': [30],
};

describe('docker inspect input', () => {
  for (const [policy, table] of [['default', DEFAULT], ['pss-baseline', BASELINE], ['pss-restricted', RESTRICTED]] as const) {
    it(`risky.json: each rule of ${policy} fires at its line`, async () => {
      const { findings, errors, subjects } = await auditText('risky.json', read('risky.json'), policy);
      expect(errors).toEqual([]);
      expect(subjects.map((s) => s.name)).toEqual(['container "app"', 'container "tool"']);
      expectRuleLines(findings, table);
    });
    it(`hardened.json: no rule of ${policy} fires`, async () => {
      const { findings, errors } = await auditText('hardened.json', read('hardened.json'), policy);
      expect(errors).toEqual([]);
      // Docker's user namespace comes from the daemon (userns-remap), which docker inspect does not show per container.
      expect(findings.filter((f) => f.ruleId !== 'namespaces/user-namespace').map((f) => `${f.line} ${f.ruleId}`)).toEqual([]);
    });
  }

  it('reads limits, user and capabilities with Docker\'s defaults', async () => {
    const { subjects } = await auditText('hardened.json', read('hardened.json'));
    const web = subjects[0]!;
    expect(web.capabilities.bounding).toEqual(['CAP_NET_BIND_SERVICE']);
    expect(web.capabilities.written).toEqual({ add: ['NET_BIND_SERVICE'], drop: ['ALL'] });
    expect(web.limits).toEqual({ memory: 268435456, pids: 100, cpu: { quota: 50000, period: 100000 } });
    expect(web.seccomp).toEqual({ mode: 'runtime-default' });
    expect(web.user.uid).toBe(10001);
  });

  it('the label suppression of the second container silences its cgroup rules', async () => {
    const { findings } = await auditText('risky.json', read('risky.json'));
    expect(findings.filter((f) => f.subject === 'container "tool"' && f.ruleId.startsWith('cgroups/'))).toEqual([]);
  });
});

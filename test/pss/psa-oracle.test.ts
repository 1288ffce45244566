/**
 * The Pod Security Admission test data (Kubernetes 1.37) as an oracle:
 * `<level>/pass/*.yaml` raise nothing under --policy pss-<level>;
 * `<level>/fail/<check><n>.yaml` is rejected by the rule for that check.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { auditText } from '../helpers/audit-text.js';
import { available, sharedPath } from '../helpers/skip.js';

const ROOT = sharedPath('fixtures/psa');

/** PSA check (file stem, lower case) → rule id; at restricted, the rule that replaces a baseline check. */
const CHECKS: Readonly<Record<string, { rule: string; restricted?: string }>> = {
  windowshostprocess: { rule: 'pss/host-process' },
  hostnamespaces: { rule: 'pss/host-namespaces' },
  privileged: { rule: 'pss/privileged' },
  capabilities_baseline: { rule: 'pss/capabilities-baseline', restricted: 'pss/capabilities-restricted' },
  hostpathvolumes: { rule: 'pss/host-path-volumes', restricted: 'pss/volume-types' },
  hostports: { rule: 'pss/host-ports' },
  hostprobesandhostlifecycle: { rule: 'pss/host-probes' },
  apparmorprofile: { rule: 'pss/apparmor' },
  selinuxoptions: { rule: 'pss/selinux' },
  procmount: { rule: 'pss/proc-mount', restricted: 'pss/proc-mount-restricted' },
  seccompprofile_baseline: { rule: 'pss/seccomp-baseline', restricted: 'pss/seccomp-restricted' },
  sysctls: { rule: 'pss/sysctls' },
  restrictedvolumes: { rule: 'pss/volume-types' },
  allowprivilegeescalation: { rule: 'pss/privilege-escalation' },
  runasnonroot: { rule: 'pss/run-as-non-root' },
  runasuser: { rule: 'pss/run-as-user' },
  seccompprofile_restricted: { rule: 'pss/seccomp-restricted' },
  capabilities_restricted: { rule: 'pss/capabilities-restricted' },
  procmount_restricted: { rule: 'pss/proc-mount-restricted' },
};

const present = available('the Pod Security Admission oracle', ROOT);

const tally = { agree: 0, total: 0 };

describe.skipIf(!present)('Pod Security Admission 1.37 test data', () => {
  afterAll(() => console.log(`PSA oracle: ${tally.agree}/${tally.total} fixtures agree`));
  for (const level of ['baseline', 'restricted'] as const) {
    const dir = (kind: string) => join(ROOT, level, kind);
    const files = (kind: string) => (present ? readdirSync(dir(kind)).filter((f) => f.endsWith('.yaml')).sort() : []);
    for (const file of files('pass')) {
      it(`${level}/pass/${file} is allowed`, async () => {
        tally.total++;
        const { findings, errors, subjects } = await auditText(file, readFileSync(join(dir('pass'), file), 'utf8'), `pss-${level}`);
        expect(errors).toEqual([]);
        expect(subjects.length).toBeGreaterThan(0);
        expect(findings.map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
        tally.agree++;
      });
    }
    for (const file of files('fail')) {
      const check = file.replace(/\d+\.yaml$/, '');
      it(`${level}/fail/${file} is rejected by ${check}`, async () => {
        tally.total++;
        const entry = CHECKS[check];
        expect(entry, `no rule mapped for ${check}`).toBeDefined();
        const rule = level === 'restricted' ? entry!.restricted ?? entry!.rule : entry!.rule;
        const { findings, errors } = await auditText(file, readFileSync(join(dir('fail'), file), 'utf8'), `pss-${level}`);
        expect(errors).toEqual([]);
        const hits = findings.filter((f) => f.ruleId === rule);
        expect(hits.length, `${rule} should reject it; got ${findings.map((f) => f.ruleId).join(', ') || 'nothing'}`).toBeGreaterThan(0);
        for (const hit of hits) expect(hit.line).toBeGreaterThan(0);
        tally.agree++;
      });
    }
  }
});

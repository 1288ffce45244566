import { defineRule } from '../../engine/rule-api.js';
import { DANGEROUS_CAPABILITIES } from '../../engine/linux/dangerous-capabilities.js';
import { capabilityHolders, known, listWords } from '../../engine/model/query.js';
import { LAST_KNOWN_CAP } from '../../engine/linux/capabilities.js';

export default defineRule({
  id: 'capabilities/no-dangerous',
  meta: {
    severity: 'critical',
    appliesTo: ['oci', 'kubernetes', 'compose', 'docker', 'process'],
    title: 'Dangerous capabilities are not granted',
    description: 'Reports each capability beyond a runtime\'s default set that opens a path from the container to the host kernel, in any of the five sets. The severity follows the escape the capability allows: CAP_SYS_ADMIN, CAP_SYS_MODULE and CAP_SYS_RAWIO are critical.',
    messages: {
      granted: '{{subject}} holds {{cap}} in its {{sets}} set{{s}}.',
      everything: '{{subject}} holds every capability ({{count}}) in its bounding set{{how}}.',
    },
    rationale: 'Every capability beyond a runtime\'s default widens what a compromised process can do to the host. {{why}}.',
    remediation: 'Drop {{cap}}; if the workload really needs it, grant it alone and document why.',
    references: ['man 7 capabilities', 'CIS Docker Benchmark 5.3', 'https://kubernetes.io/docs/concepts/security/pod-security-standards/'],
  },
  check(subject, ctx) {
    const bounding = known(subject.capabilities.bounding);
    if (bounding.length > LAST_KNOWN_CAP) {
      const how = subject.capabilities.implicit ? ` (${subject.capabilities.implicit})` : '';
      ctx.report('everything', { count: bounding.length, how, cap: 'every capability not needed', why: 'With every capability the container is root on the host in all but name' }, 'capabilities.bounding');
      return;
    }
    for (const [cap, sets] of capabilityHolders(subject)) {
      const risk = DANGEROUS_CAPABILITIES.get(cap);
      if (!risk) continue;
      const at = sets.includes('bounding') ? 'bounding' : sets[0]!;
      ctx.report('granted', { cap, sets: listWords(sets), s: sets.length > 1 ? 's' : '', why: `${cap}: ${risk.why}` }, `capabilities.${at}/${cap}`, { severity: risk.severity });
    }
  },
});

import { defineRule } from '../../engine/rule-api.js';
import { isUnknown } from '../../engine/model/subject.js';

export default defineRule({
  id: 'privileges/no-root-without-userns',
  meta: {
    severity: 'medium',
    appliesTo: ['oci', 'kubernetes', 'compose', 'docker', 'process'],
    title: 'The workload does not run as root on the host\'s users',
    description: 'A process running as uid 0 without a user namespace is host root: it owns host files on shared mounts and needs only one capability or kernel bug to act as root on the host.',
    messages: {
      root: '{{subject}} runs as uid 0 without a user namespace.',
      unknown: '{{subject}}\'s uid could not be read ({{reason}}).',
    },
    rationale: 'Container root without a user namespace is the same uid 0 the host trusts.',
    remediation: 'Run as an unprivileged uid (process.user.uid, runAsUser, USER in the image), or add a user namespace that maps root elsewhere.',
    references: ['man 7 user_namespaces', 'CIS Docker Benchmark 4.1'],
  },
  check(subject, ctx) {
    const { uid } = subject.user;
    if (subject.namespaces.user.state === 'isolated') return;
    if (isUnknown(uid) && subject.user.nonRoot === true) return;
    if (isUnknown(uid)) ctx.report('unknown', { reason: uid.reason }, 'user.uid', { severity: 'low' });
    else if (uid === 0) ctx.report('root', {}, 'user.uid');
  },
});

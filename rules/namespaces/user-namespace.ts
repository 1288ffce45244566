import { defineRule } from '../../engine/rule-api.js';

export default defineRule({
  id: 'namespaces/user-namespace',
  meta: {
    severity: 'medium',
    appliesTo: ['oci', 'kubernetes', 'compose', 'docker', 'process'],
    title: 'The container runs in its own user namespace',
    description: 'Without a user namespace, uid 0 in the container is uid 0 on the host: any escape lands as host root, and files written to shared volumes belong to host root.',
    messages: { missing: '{{subject}} has no user namespace: its users are the host\'s users.' },
    rationale: 'A user namespace maps container root to an unprivileged host uid, so a breakout gains nothing on the host.',
    remediation: 'Add a user namespace with uid and gid mappings (OCI: {"type": "user"} and linux.uidMappings/gidMappings; Kubernetes: hostUsers: false).',
    references: ['man 7 user_namespaces', 'https://kubernetes.io/docs/concepts/workloads/pods/user-namespaces/'],
  },
  check(subject, ctx) {
    if (subject.namespaces.user.state === 'host') ctx.report('missing', {}, 'namespaces.user');
  },
});

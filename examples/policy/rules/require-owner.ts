/** A team rule: every container says which team owns it. */
import { defineRule } from 'caplint';
import type { Subject } from 'caplint';

const OWNER = 'team.example/owner';

export default defineRule({
  id: 'team/require-owner',
  meta: {
    severity: 'medium',
    appliesTo: ['oci', 'kubernetes', 'compose'],
    title: 'Every container names its owning team',
    description: 'The on-call rota is found from the owner annotation (OCI annotations, Kubernetes annotations, compose labels).',
    messages: { missing: '{{subject}} has no {{key}} annotation.' },
    rationale: 'A finding nobody owns is a finding nobody fixes.',
    remediation: 'Add the annotation {{key}}: <team>.',
    references: ['internal: service ownership'],
  },
  check(subject: Subject, ctx) {
    if (!subject.annotations[OWNER]) ctx.report('missing', { key: OWNER }, 'subject');
  },
});

import { defineRule } from '../../engine/rule-api.js';
import { known } from '../../engine/model/query.js';

export default defineRule({
  id: 'capabilities/no-ambient',
  meta: {
    severity: 'medium',
    appliesTo: ['oci', 'process'],
    title: 'No ambient capabilities',
    description: 'Ambient capabilities survive execve into programs without file capabilities, so every program the container starts, including a shell an attacker spawns, holds them.',
    messages: { ambient: '{{subject}} holds {{cap}} as an ambient capability.' },
    rationale: 'An ambient {{cap}} is inherited by every program the process executes, not just the one that needs it.',
    remediation: 'Remove {{cap}} from the ambient set; give the one binary that needs it a file capability (setcap) instead.',
    references: ['man 7 capabilities (Ambient capability set)'],
  },
  check(subject, ctx) {
    for (const cap of known(subject.capabilities.ambient)) ctx.report('ambient', { cap }, `capabilities.ambient/${cap}`);
  },
});

import { defineRule } from '../../engine/rule-api.js';
import { isUnknown } from '../../engine/model/subject.js';

export default defineRule({
  id: 'capabilities/within-bounding',
  meta: {
    severity: 'medium',
    appliesTo: ['oci', 'process'],
    title: 'Effective, permitted and ambient capabilities lie within the bounding set',
    description: 'A capability in the effective, permitted or ambient set but not in the bounding set means the config does not say what the process can really do: the kernel refuses such a capset, or a runtime resolves it in a way the reader of the file does not see.',
    messages: { outside: '{{subject}} has {{cap}} in its {{set}} set but not in its bounding set.' },
    rationale: 'The bounding set is the ceiling reviewers read; a set above it hides privilege in plain sight.',
    remediation: 'Add {{cap}} to the bounding set if it is really needed, or remove it from the {{set}} set.',
    references: ['man 7 capabilities', 'OCI runtime-spec config.md#linux-process'],
  },
  check(subject, ctx) {
    const bounding = subject.capabilities.bounding;
    if (isUnknown(bounding)) return;
    for (const set of ['effective', 'permitted', 'ambient'] as const) {
      const list = subject.capabilities[set];
      if (isUnknown(list)) continue;
      for (const cap of list) if (!bounding.includes(cap)) ctx.report('outside', { cap, set }, `capabilities.${set}/${cap}`);
    }
  },
});

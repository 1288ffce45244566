import { defineRule } from '../../engine/rule-api.js';
import { subjectProfile } from '../../engine/seccomp/analyse-subject.js';
import { listWords } from '../../engine/model/query.js';

export default defineRule({
  id: 'policy/forbidden-syscalls',
  meta: {
    severity: 'high',
    appliesTo: ['oci', 'kubernetes', 'compose', 'docker'],
    title: 'The syscalls the policy forbids cannot be made',
    description: 'Reports a container whose seccomp filter lets through, for some or all arguments, a syscall in the profile\'s `forbiddenSyscalls`, or that runs without a filter at all. `caplint run` refuses to launch with a seccomp profile that allows one. Active when the policy lists forbidden syscalls.',
    messages: {
      allowed: '{{subject}}\'s seccomp profile allows {{syscalls}}, which the policy forbids.',
      unfiltered: '{{subject}} runs without a seccomp filter, so {{syscalls}}, which the policy forbids, can be made.',
    },
    rationale: 'These calls were ruled out when the policy was reviewed; a filter that allows them undoes that decision.',
    remediation: 'Deny {{syscalls}} in the seccomp profile (SCMP_ACT_ERRNO), or use the seccomp profile the policy names.',
    references: ['man 2 seccomp', 'caplint profiles (forbiddenSyscalls)'],
    options: {
      type: 'object',
      properties: { syscalls: { type: 'array', items: { type: 'string' } } },
      additionalProperties: false,
    },
    defaultOptions: {},
  },
  check(subject, ctx) {
    const forbidden = ctx.options.syscalls as readonly string[] | undefined;
    if (!forbidden?.length) return;
    const { mode } = subject.seccomp;
    if (mode === 'disabled' || mode === 'unconfined') {
      ctx.report('unfiltered', { syscalls: listWords([...forbidden]) }, 'seccomp');
      return;
    }
    const analysis = subjectProfile(subject);
    if (!analysis) return;
    const allowed = forbidden.filter((name) => {
      const verdict = analysis.verdict(name);
      return verdict === 'allow' || verdict === 'conditional';
    });
    if (allowed.length) ctx.report('allowed', { syscalls: listWords(allowed) }, `seccomp.syscall/${allowed[0]}`);
  },
});

/** A team rule: nothing may set the host clock, by capability or by syscall. */
import { defineRule } from 'caplint';
import type { Subject } from 'caplint';

const TIME_CALLS = ['clock_settime', 'settimeofday', 'adjtimex', 'clock_adjtime'];

export default defineRule({
  id: 'team/no-host-time',
  meta: {
    severity: 'high',
    appliesTo: ['oci', 'kubernetes', 'compose', 'docker', 'process'],
    title: 'Nothing may set the host clock',
    description: 'Our hosts keep time with chrony. A container holding CAP_SYS_TIME, or whose seccomp profile allows the clock-setting calls, can move every host clock.',
    messages: {
      capability: '{{subject}} holds CAP_SYS_TIME in its {{set}} set.',
      syscall: '{{subject}} lists {{call}} among the syscalls its seccomp profile allows.',
    },
    rationale: 'The system clock is not namespaced: setting it from a container sets it for the host.',
    remediation: 'Drop CAP_SYS_TIME and deny {{call}} in the seccomp profile.',
    references: ['man 7 capabilities', 'man 2 clock_settime'],
  },
  check(subject: Subject, ctx) {
    for (const set of ['bounding', 'effective', 'permitted'] as const) {
      const caps = subject.capabilities[set];
      if (Array.isArray(caps) && caps.includes('CAP_SYS_TIME')) ctx.report('capability', { set, call: 'clock_settime' }, `capabilities.${set}/CAP_SYS_TIME`);
    }
    const profile = subject.seccomp.mode === 'filter' ? subject.seccomp.profile : undefined;
    const rules = (profile?.document as { syscalls?: { names?: string[]; action?: string }[] } | undefined)?.syscalls ?? [];
    for (const rule of rules) {
      if (rule.action !== 'SCMP_ACT_ALLOW') continue;
      for (const call of rule.names ?? []) if (TIME_CALLS.includes(call)) ctx.report('syscall', { call }, `seccomp.syscall/${call}`);
    }
  },
});

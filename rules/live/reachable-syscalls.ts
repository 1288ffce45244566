import { defineRule } from '../../engine/rule-api.js';
import { isUnknown } from '../../engine/model/subject.js';
import { whereToDeny } from '../../engine/model/launch-advice.js';

export default defineRule({
  id: 'live/reachable-syscalls',
  meta: {
    severity: 'low',
    appliesTo: ['process'],
    title: 'A running process\'s seccomp filters can be read and checked',
    description: 'For a process under seccomp filters, caplint dumps the filters the kernel actually holds (PTRACE_SECCOMP_GET_FILTER, which needs CAP_SYS_ADMIN) and runs them in its BPF emulator; seccomp/no-risky-syscalls then reports what they let through, as it does for a config\'s profile. This rule owns the other outcome: the filters could not be dumped or emulated (no CAP_SYS_ADMIN, the addon missing, a process that would not stop for the dump, a program the emulator rejects), so nothing is known of what they allow. The two never report the same process for the same reason.',
    messages: {
      unknown: '{{subject}}\'s seccomp filters could not be checked: {{reason}}.',
    },
    rationale: 'An unread filter may allow anything: {{why}}.',
    remediation: 'Run caplint with CAP_SYS_ADMIN (as root) so it can dump the filters, then deny {{syscalls}} {{where}}.',
    references: ['man 2 seccomp', 'man 2 ptrace (PTRACE_SECCOMP_GET_FILTER)'],
  },
  check(subject, ctx) {
    const reachable = subject.process?.reachableSyscalls;
    if (reachable === undefined || !isUnknown(reachable)) return;
    ctx.report('unknown', { reason: reachable.reason, why: 'the risky syscalls may all be reachable', syscalls: 'the risky syscalls it allows', where: whereToDeny(subject) }, 'seccomp', { severity: 'low' });
  },
});

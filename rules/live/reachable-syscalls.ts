import { defineRule } from '../../engine/rule-api.js';
import { isUnknown } from '../../engine/model/subject.js';
import type { Subject } from '../../engine/model/subject.js';
import { SYSCALL_RISKS } from '../../engine/linux/syscall-risk.js';
import { listWords } from '../../engine/model/query.js';

/** Advice that knows its subject: a process `caplint run` launched is told about the profile it ran with. */
function where(subject: Subject): string {
  const launcher = subject.process?.launcher;
  if (!launcher) return 'in the profile the process is started with (for example caplint\'s default: `caplint run --profile default`)';
  return `in the profile "${launcher.profile}" that \`caplint run\` (pid ${launcher.pid}) launched it with: use a profile that extends "${launcher.profile}" and denies them`;
}

export default defineRule({
  id: 'live/reachable-syscalls',
  meta: {
    severity: 'high',
    appliesTo: ['process'],
    title: 'A running process\'s seccomp filters block the syscalls that are not namespace-aware or are known attack surface',
    description: 'For a process under seccomp filters, caplint dumps the filters the kernel actually holds (PTRACE_SECCOMP_GET_FILTER, which needs CAP_SYS_ADMIN), runs them in its BPF emulator on every syscall number of the process\'s architecture, and reports by group the risky syscalls the combined filters let through (with all-zero or all-one arguments). This judges the filter in force, not the profile someone meant to apply.',
    messages: {
      allowed: '{{subject}}\'s seccomp filters allow {{syscalls}} ({{group}}){{condition}}.',
      unknown: '{{subject}}\'s seccomp filters could not be checked: {{reason}}.',
    },
    rationale: 'What the filter lets through, a compromised process can reach: {{why}}.',
    remediation: 'Deny {{syscalls}} {{where}}.',
    references: ['man 2 seccomp', 'man 2 ptrace (PTRACE_SECCOMP_GET_FILTER)', 'CVE-2016-0728', 'CVE-2022-0185'],
  },
  check(subject, ctx) {
    const reachable = subject.process?.reachableSyscalls;
    if (reachable === undefined) return;
    if (isUnknown(reachable)) {
      ctx.report('unknown', { reason: reachable.reason, why: 'An unread filter may allow anything', syscalls: 'the risky syscalls', where: where(subject) }, 'seccomp', { severity: 'low' });
      return;
    }
    const byGroup = new Map<string, string[]>();
    for (const name of reachable) {
      const risk = SYSCALL_RISKS.get(name);
      if (!risk) continue;
      byGroup.set(risk.group, [...(byGroup.get(risk.group) ?? []), name]);
    }
    const checked = new Set(subject.process?.argumentCheckedSyscalls ?? []);
    for (const [group, names] of byGroup) {
      const risk = SYSCALL_RISKS.get(names[0]!)!;
      const some = names.filter((n) => checked.has(n));
      const condition = some.length === 0 ? '' : some.length === names.length ? ', for some argument values only' : `; ${listWords(some)} for some argument values only`;
      const why = `${listWords(names)}: ${risk.why}${risk.nonNamespaced ? ' (not namespace-aware)' : ''}`;
      const severity = some.length === names.length ? 'low' : risk.nonNamespaced ? 'high' : 'medium';
      ctx.report('allowed', { syscalls: listWords(names), group, why, condition, where: where(subject) }, `seccomp.syscall/${names[0]}`, { severity });
    }
  },
});

import { defineRule } from '../../engine/rule-api.js';
import { subjectVerdicts } from '../../engine/seccomp/subject-verdicts.js';
import { ARGUMENT_GATED, SYSCALL_RISKS } from '../../engine/linux/syscall-risk.js';
import { listWords } from '../../engine/model/query.js';
import { whereToDeny } from '../../engine/model/launch-advice.js';

/** What makes an argument-gated call risky, as a filter's dump shows it. */
const RISKY_USE: Readonly<Record<string, string>> = {
  clone: 'with CLONE_NEWUSER',
  clone3: 'at all (its flags are in memory no filter can read)',
  socket: 'for AF_ALG or AF_VSOCK',
};

export default defineRule({
  id: 'seccomp/no-risky-syscalls',
  meta: {
    severity: 'high',
    appliesTo: ['oci', 'kubernetes', 'compose', 'docker', 'process'],
    title: 'The seccomp filter blocks syscalls that are not namespace-aware or are known attack surface',
    description: 'Reports, by group, the syscalls a seccomp filter lets through that act on the host kernel whatever namespace the caller is in (keyring, clock, modules, kexec, swap, accounting, kernel log, open_by_handle_at, bpf, perf, userfaultfd, ...) or that are known escape paths (ptrace, mount, unshare/setns, io_uring, personality), and the argument-gated calls (clone, clone3, socket) let through with their risky arguments. Each finding names the syscalls. For a config, the profile it declares is judged, with capability-gated rules resolved against its bounding set. For a running process, the filters the kernel holds for it are judged: caplint dumps them (PTRACE_SECCOMP_GET_FILTER, with CAP_SYS_ADMIN) and runs them in its BPF emulator on every syscall of the process\'s architecture; a call some argument values get through is reported at low severity. When a process\'s filters cannot be dumped, live/reachable-syscalls says why; this rule then has nothing to judge.',
    messages: {
      allowed: '{{subject}}\'s seccomp profile allows {{syscalls}} ({{group}}).',
      argumentFree: '{{subject}}\'s seccomp profile allows {{syscall}} without checking its arguments.',
      filtersAllow: '{{subject}}\'s seccomp filters allow {{syscalls}} ({{group}}){{condition}}.',
      filtersLetThrough: '{{subject}}\'s seccomp filters let {{syscall}} through {{use}}.',
    },
    rationale: 'Every syscall a filter lets through is kernel surface reachable from the container. {{why}}.',
    remediation: 'Deny {{syscalls}} {{where}}.',
    references: ['man 2 seccomp', 'man 2 ptrace (PTRACE_SECCOMP_GET_FILTER)', 'https://docs.docker.com/engine/security/seccomp/', 'CVE-2016-0728', 'CVE-2022-0185', 'CVE-2022-0492'],
  },
  check(subject, ctx) {
    const judged = subjectVerdicts(subject);
    if (!judged) return;
    const live = judged.source === 'filters';
    const where = live ? whereToDeny(subject) : '(SCMP_ACT_ERRNO), or start from caplint\'s default profile, which does';
    const byGroup = new Map<string, string[]>();
    for (const [name, risk] of SYSCALL_RISKS) {
      const verdict = judged.verdict(name);
      // A declared profile's argument checks are the author's, read as written; a dumped filter's are only seen through the emulator, so they are reported, low.
      if (verdict !== 'allow' && !(live && verdict === 'conditional')) continue;
      byGroup.set(risk.group, [...(byGroup.get(risk.group) ?? []), name]);
    }
    for (const [group, names] of byGroup) {
      const risk = SYSCALL_RISKS.get(names[0]!)!;
      const why = `${listWords(names)}: ${risk.why}${risk.nonNamespaced ? ' (not namespace-aware)' : ''}`;
      const some = names.filter((n) => judged.verdict(n) === 'conditional');
      const severity = some.length === names.length ? 'low' : risk.nonNamespaced ? 'high' : 'medium';
      const condition = some.length === 0 ? '' : some.length === names.length ? ', for some argument values only' : `; ${listWords(some)} for some argument values only`;
      ctx.report(live ? 'filtersAllow' : 'allowed', { syscalls: listWords(names), group, why, condition, where }, `seccomp.syscall/${names[0]}`, { severity });
    }
    for (const [name, why] of ARGUMENT_GATED) {
      if (name === 'socketcall' || !judged.riskyArguments(name) || judged.defaultAllows) continue;
      const data = { syscall: name, syscalls: name, why: `${name}: ${why}`, use: RISKY_USE[name] ?? '', where };
      ctx.report(live ? 'filtersLetThrough' : 'argumentFree', data, `seccomp.syscall/${name}`, { severity: name === 'socket' ? 'low' : 'medium' });
    }
  },
});

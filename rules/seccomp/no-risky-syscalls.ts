import { defineRule } from '../../engine/rule-api.js';
import { analyseProfile } from '../../engine/seccomp/analyse.js';
import { ARGUMENT_GATED, SYSCALL_RISKS } from '../../engine/linux/syscall-risk.js';
import { known, listWords } from '../../engine/model/query.js';

export default defineRule({
  id: 'seccomp/no-risky-syscalls',
  meta: {
    severity: 'high',
    appliesTo: ['oci', 'kubernetes', 'compose', 'docker'],
    title: 'The seccomp profile blocks syscalls that are not namespace-aware or are known attack surface',
    description: 'Reports, by group, the syscalls a profile lets through without argument checks that act on the host kernel whatever namespace the caller is in (keyring, clock, modules, kexec, swap, accounting, kernel log, open_by_handle_at, bpf, perf, userfaultfd, ...) or that are known escape paths (ptrace, mount, unshare/setns, io_uring, personality). Each finding names the syscalls. Capability-gated rules are resolved against the container\'s bounding set.',
    messages: {
      allowed: '{{subject}}\'s seccomp profile allows {{syscalls}} ({{group}}).',
      argumentFree: '{{subject}}\'s seccomp profile allows {{syscall}} without checking its arguments.',
    },
    rationale: 'Every syscall a profile lets through is kernel surface reachable from the container. {{why}}.',
    remediation: 'Deny {{syscalls}} (SCMP_ACT_ERRNO), or start from caplint\'s default profile, which does.',
    references: ['man 2 seccomp', 'https://docs.docker.com/engine/security/seccomp/', 'CVE-2016-0728', 'CVE-2022-0185', 'CVE-2022-0492'],
  },
  check(subject, ctx) {
    if (subject.seccomp.mode !== 'filter' || !subject.seccomp.profile) return;
    const analysis = analyseProfile(subject.seccomp.profile, { caps: known(subject.capabilities.bounding) });
    const byGroup = new Map<string, string[]>();
    for (const [name, risk] of SYSCALL_RISKS) {
      if (analysis.verdict(name) !== 'allow') continue;
      const names = byGroup.get(risk.group);
      if (names) names.push(name);
      else byGroup.set(risk.group, [name]);
    }
    for (const [group, names] of byGroup) {
      const risk = SYSCALL_RISKS.get(names[0]!)!;
      const why = `${listWords(names)}: ${risk.why}${risk.nonNamespaced ? ' (not namespace-aware)' : ''}`;
      ctx.report('allowed', { syscalls: listWords(names), group, why }, `seccomp.syscall/${names[0]}`, { severity: risk.nonNamespaced ? 'high' : 'medium' });
    }
    for (const [name, why] of ARGUMENT_GATED) {
      if (name === 'socketcall' || analysis.verdict(name) !== 'allow' || analysis.defaultAllows) continue;
      ctx.report('argumentFree', { syscall: name, syscalls: name, why: `${name}: ${why}` }, `seccomp.syscall/${name}`, { severity: name === 'socket' ? 'low' : 'medium' });
    }
  },
});

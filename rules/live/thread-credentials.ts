import { defineRule } from '../../engine/rule-api.js';
import { isUnknown } from '../../engine/model/subject.js';

export default defineRule({
  id: 'live/thread-credentials',
  meta: {
    severity: 'medium',
    appliesTo: ['process'],
    title: 'Every thread of a process has its thread-group leader\'s credentials',
    description: 'The kernel keeps uids, gids, capabilities, no_new_privs and seccomp filters per thread. glibc\'s setuid() changes all threads at once, but a raw setresuid/capset syscall, or a seccomp filter installed without TSYNC, changes one. caplint reads /proc/PID/task/TID/status for every thread and reports those that differ from the leader, whose credentials the other findings describe.',
    messages: {
      differs: '{{subject}} has thread {{tid}} whose {{fields}} differ from its thread-group leader\'s.',
      unknown: '{{subject}}\'s threads could not be compared with its leader ({{reason}}).',
    },
    rationale: 'The rest of the audit describes the leader; a thread with other credentials can be more privileged or less confined than reported.',
    remediation: 'Find why the thread diverged (a raw setresuid/capset, a filter without SECCOMP_FILTER_FLAG_TSYNC); apply credential changes to all threads, or drop privileges before starting threads.',
    references: ['man 7 credentials', 'man 2 seccomp (SECCOMP_FILTER_FLAG_TSYNC)', 'man 5 proc (/proc/PID/task)'],
  },
  check(subject, ctx) {
    const threads = subject.process?.threads;
    if (threads === undefined) return;
    if (isUnknown(threads)) {
      ctx.report('unknown', { reason: threads.reason }, 'subject', { severity: 'info' });
      return;
    }
    for (const t of threads) ctx.report('differs', { tid: t.tid, fields: t.fields.join(', ') }, 'subject');
  },
});

import { defineRule } from '../../engine/rule-api.js';
import type { Subject } from '../../engine/model/subject.js';
import { differences } from './differences.js';

/**
 * Runs only for `caplint audit --pid PID --against CONFIG`: the engine passes
 * the config's Subject as the `declared` option and locates findings in the
 * config, so each difference points at the line that promised otherwise.
 */
export default defineRule({
  id: 'live/matches-config',
  meta: {
    severity: 'high',
    appliesTo: ['process'],
    title: 'A running process has the confinement its config declares',
    description: 'Compares a live process with the OCI config it was started from: each capability set, each namespace (shared with the reference process or not), no_new_privs, the seccomp mode and the memory, pids and cpu limits that apply. A runtime bug, a wrapper that re-executes with other settings, or a process started some other way all show up as differences. Fields of the process that cannot be read are reported as not verified.',
    messages: {
      differs: '{{subject}}: {{what}} differs from the config, which declares {{declared}}; the process {{actual}}.',
      unverifiable: '{{subject}}: {{what}} could not be compared with the config ({{reason}}).',
    },
    rationale: 'An audit of the config says nothing about this process while they differ.',
    remediation: 'Find out who started the process with other settings (runtime version, wrapper scripts, `docker run` flags), or audit the process itself with `caplint audit --pid`.',
    references: ['OCI runtime-spec config.md', 'man 5 proc'],
    defaultOptions: {},
  },
  check(subject, ctx) {
    const declared = ctx.options.declared as Subject | undefined;
    if (!declared) return;
    const found = differences(declared, subject);
    for (const d of found.differences) ctx.report('differs', { what: d.what, declared: d.declared, actual: d.actual }, d.key, { severity: d.severity });
    for (const u of found.unverifiable) ctx.report('unverifiable', { what: u.what, reason: u.reason }, u.key, { severity: 'info' });
  },
});

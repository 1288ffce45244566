import { defineRule } from '../../engine/rule-api.js';
import { isUnknown } from '../../engine/model/subject.js';
import { DEFAULT_MASKED_PATHS as MASKED, DEFAULT_READONLY_PATHS as READ_ONLY } from '../../engine/linux/masked-paths.js';
import { containerView } from '../../engine/model/query.js';

export default defineRule({
  id: 'privileges/masked-paths',
  meta: {
    severity: 'medium',
    appliesTo: ['oci', 'process'],
    title: 'Sensitive /proc and /sys entries are masked or read-only',
    description: 'procfs and sysfs expose host state that namespaces do not hide: /proc/kcore (host memory), /proc/keys, /proc/sysrq-trigger (reboot the host), /proc/sys (host sysctls), /sys/firmware. Runtimes mask these by default; a config that leaves them out of maskedPaths/readonlyPaths exposes them. For a process in a container, the masks are read from its mountinfo (a /dev/null bind or an empty read-only tmpfs on top); paths this host does not have count as masked. A profile\'s filesystem.maskedPaths and readonlyPaths replace the default lists and are required of every subject, a process launched by `caplint run` included.',
    messages: {
      unmasked: '{{subject}} does not mask {{paths}}.',
      writable: '{{subject}} does not make {{paths}} read-only.',
    },
    rationale: 'These files read host memory and kernel state, or change host-wide settings, from inside the container.',
    remediation: 'Add {{paths}} to linux.{{field}} (as `runc spec` does).',
    references: ['OCI runtime-spec config-linux.md#masked-paths', 'runc spec defaults'],
    options: {
      type: 'object',
      properties: {
        maskedPaths: { type: 'array', items: { type: 'string' } },
        readonlyPaths: { type: 'array', items: { type: 'string' } },
      },
      additionalProperties: false,
    },
    defaultOptions: {},
  },
  check(subject, ctx) {
    // A profile that lists the paths (filesystem.maskedPaths/readonlyPaths) requires them of every subject, as
    // policy/namespaces does; the runtime defaults are judged only where a container runtime would have applied them.
    const fromPolicy = ctx.options.maskedPaths !== undefined || ctx.options.readonlyPaths !== undefined;
    if (!fromPolicy && !containerView(subject)) return;
    const masked = subject.maskedPaths;
    const readOnly = subject.readonlyPaths;
    // A profile's filesystem.maskedPaths/readonlyPaths (engine/policy/policy-options.ts) replace the runtime defaults.
    const wantMasked = (ctx.options.maskedPaths as readonly string[] | undefined) ?? MASKED;
    const wantReadOnly = (ctx.options.readonlyPaths as readonly string[] | undefined) ?? READ_ONLY;
    if (!isUnknown(masked)) {
      const missing = wantMasked.filter((p) => !(masked ?? []).includes(p));
      if (missing.length) ctx.report('unmasked', { paths: missing.join(', '), field: 'maskedPaths' }, 'maskedPaths');
    }
    if (!isUnknown(readOnly)) {
      const covered = [...(readOnly ?? []), ...(isUnknown(masked) ? [] : masked ?? [])];
      const missing = wantReadOnly.filter((p) => !covered.includes(p));
      if (missing.length) ctx.report('writable', { paths: missing.join(', '), field: 'readonlyPaths' }, 'readonlyPaths');
    }
  },
});

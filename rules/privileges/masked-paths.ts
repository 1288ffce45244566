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
    description: 'procfs and sysfs expose host state that namespaces do not hide: /proc/kcore (host memory), /proc/keys, /proc/sysrq-trigger (reboot the host), /proc/sys (host sysctls), /sys/firmware. Runtimes mask these by default; a config that leaves them out of maskedPaths/readonlyPaths exposes them. For a process in a container, the masks are read from its mountinfo (a /dev/null bind or an empty read-only tmpfs on top); paths this host does not have count as masked.',
    messages: {
      unmasked: '{{subject}} does not mask {{paths}}.',
      writable: '{{subject}} does not make {{paths}} read-only.',
    },
    rationale: 'These files read host memory and kernel state, or change host-wide settings, from inside the container.',
    remediation: 'Add {{paths}} to linux.{{field}} (as `runc spec` does).',
    references: ['OCI runtime-spec config-linux.md#masked-paths', 'runc spec defaults'],
  },
  check(subject, ctx) {
    if (!containerView(subject)) return;
    const masked = subject.maskedPaths;
    const readOnly = subject.readonlyPaths;
    if (!isUnknown(masked)) {
      const missing = MASKED.filter((p) => !(masked ?? []).includes(p));
      if (missing.length) ctx.report('unmasked', { paths: missing.join(', '), field: 'maskedPaths' }, 'maskedPaths');
    }
    if (!isUnknown(readOnly)) {
      const covered = [...(readOnly ?? []), ...(isUnknown(masked) ? [] : masked ?? [])];
      const missing = READ_ONLY.filter((p) => !covered.includes(p));
      if (missing.length) ctx.report('writable', { paths: missing.join(', '), field: 'readonlyPaths' }, 'readonlyPaths');
    }
  },
});

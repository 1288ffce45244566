import { defineRule } from '../../engine/rule-api.js';
import { isUnknown } from '../../engine/model/subject.js';

/** What runc and containerd mask and make read-only by default (the OCI default spec). */
const MASKED = ['/proc/acpi', '/proc/kcore', '/proc/keys', '/proc/latency_stats', '/proc/timer_list', '/proc/timer_stats', '/proc/sched_debug', '/proc/scsi', '/sys/firmware', '/sys/devices/virtual/powercap'];
const READ_ONLY = ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'];

export default defineRule({
  id: 'privileges/masked-paths',
  meta: {
    severity: 'medium',
    appliesTo: ['oci'],
    title: 'Sensitive /proc and /sys entries are masked or read-only',
    description: 'procfs and sysfs expose host state that namespaces do not hide: /proc/kcore (host memory), /proc/keys, /proc/sysrq-trigger (reboot the host), /proc/sys (host sysctls), /sys/firmware. Runtimes mask these by default; a config that leaves them out of maskedPaths/readonlyPaths exposes them.',
    messages: {
      unmasked: '{{subject}} does not mask {{paths}}.',
      writable: '{{subject}} does not make {{paths}} read-only.',
    },
    rationale: 'These files read host memory and kernel state, or change host-wide settings, from inside the container.',
    remediation: 'Add {{paths}} to linux.{{field}} (as `runc spec` does).',
    references: ['OCI runtime-spec config-linux.md#masked-paths', 'runc spec defaults'],
  },
  check(subject, ctx) {
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

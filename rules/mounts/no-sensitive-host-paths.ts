import { defineRule } from '../../engine/rule-api.js';
import { containerView, known } from '../../engine/model/query.js';
import { sensitiveHostPath } from '../../engine/linux/sensitive-paths.js';
import type { Severity } from '../../engine/model/finding.js';

const LOWER: Readonly<Record<Severity, Severity>> = { critical: 'high', high: 'medium', medium: 'low', low: 'low', info: 'info' };

export default defineRule({
  id: 'mounts/no-sensitive-host-paths',
  meta: {
    severity: 'critical',
    appliesTo: ['oci', 'kubernetes', 'compose', 'docker', 'process'],
    title: 'Sensitive host paths are not mounted into the container',
    description: 'Bind mounts of the host\'s root, procfs, sysfs, /dev, configuration or a container runtime\'s socket give the container the host. Read-only mounts are one level less severe, except the runtime sockets and /, which stay critical.',
    messages: { mounted: '{{subject}} mounts the host\'s {{source}} at {{destination}}{{mode}}.' },
    rationale: '{{source}} is {{why}}.',
    remediation: 'Remove the mount of {{source}}; if the workload must read part of it, mount only that file, read-only.',
    references: ['CIS Docker Benchmark 5.5, 5.31', 'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath'],
  },
  check(subject, ctx) {
    if (!containerView(subject)) return;
    known(subject.mounts).forEach((mount, i) => {
      if (!mount.bind) return;
      const hit = sensitiveHostPath(mount.source);
      if (!hit) return;
      const keep = hit.path === '/' || hit.why.includes('socket');
      const severity = mount.readOnly && !keep ? LOWER[hit.severity] : hit.severity;
      ctx.report('mounted', { source: mount.source, destination: mount.destination, mode: mount.readOnly ? ' (read-only)' : ' read-write', why: hit.why }, `mounts/${i}`, { severity });
    });
  },
});

import { defineRule } from '../../engine/rule-api.js';
import { containerView, known } from '../../engine/model/query.js';
import { hostPathExposure } from '../../engine/linux/sensitive-paths.js';

export default defineRule({
  id: 'mounts/no-sensitive-host-paths',
  meta: {
    severity: 'critical',
    appliesTo: ['oci', 'kubernetes', 'compose', 'docker', 'process'],
    title: 'Sensitive host paths are not mounted into the container',
    description: 'Bind mounts of the host\'s root, procfs, sysfs, /dev, configuration or a container runtime\'s socket give the container the host. '
      + 'A mount of a directory that holds one of these paths (/var holds /var/lib/docker, /run/containerd holds containerd\'s socket) exposes it just the same, '
      + 'so it takes the severity of the most sensitive path below it. Read-only mounts are one level less severe, except the runtime sockets and /, which stay critical: '
      + 'connect(2) on a socket ignores the mount\'s read-only flag. A parent of /var/run counts as exposing the sockets there even though many hosts make /var/run a '
      + 'symbolic link to /run (which would then resolve inside the container): caplint cannot see the host, and fails closed. Paths are normalised first, so /srv/../etc is /etc.',
    messages: {
      mounted: '{{subject}} mounts the host\'s {{source}} at {{destination}}{{mode}}.',
      parent: '{{subject}} mounts the host\'s {{source}} at {{destination}}{{mode}}, which holds {{exposed}}.',
    },
    rationale: '{{exposed}} is {{why}}.',
    remediation: 'Remove the mount of {{source}}; if the workload must read part of it, mount only that file, read-only.',
    references: ['CIS Docker Benchmark 5.5, 5.31', 'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath', 'man 7 unix (connecting to a socket needs write permission on it, not a writable mount)'],
  },
  check(subject, ctx) {
    if (!containerView(subject)) return;
    known(subject.mounts).forEach((mount, i) => {
      if (!mount.bind) return;
      const hit = hostPathExposure(mount.source, mount.readOnly);
      if (!hit) return;
      const parent = hit.relation === 'parent';
      const data = {
        source: mount.source, destination: mount.destination, mode: mount.readOnly ? ' (read-only)' : ' read-write',
        exposed: parent ? hit.entry.path : mount.source, why: hit.entry.why,
      };
      ctx.report(parent ? 'parent' : 'mounted', data, `mounts/${i}`, { severity: hit.severity });
    });
  },
});

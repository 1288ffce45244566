import { defineRule } from '../../engine/rule-api.js';
import type { Severity } from '../../engine/model/finding.js';
import type { NamespaceType } from '../../engine/linux/namespaces.js';

/** What sharing each namespace with the host gives away. */
const SHARED: ReadonlyArray<[NamespaceType, Severity, string]> = [
  ['mount', 'critical', 'the host\'s mount table: the container sees and changes the host filesystem'],
  ['pid', 'high', 'every host process, to be seen and, with the right capability, signalled or traced'],
  ['network', 'high', 'the host\'s interfaces, loopback services and firewall'],
  ['ipc', 'medium', 'System V IPC and POSIX message queues shared with host processes'],
  ['uts', 'low', 'the host name, which the container can then change for the host'],
  ['cgroup', 'low', 'the host\'s cgroup tree, which leaks the host\'s layout and eases cgroup escapes'],
];

export default defineRule({
  id: 'namespaces/no-host-namespaces',
  meta: {
    severity: 'critical',
    appliesTo: ['oci', 'kubernetes', 'compose', 'docker', 'process'],
    title: 'The container has its own mount, PID, network, IPC, UTS and cgroup namespaces',
    description: 'A namespace type missing from the config is not isolated: the container shares it with the host (for a live process, with the reference process). Each shared namespace is reported with what it gives away.',
    messages: { shared: '{{subject}} shares the host\'s {{type}} namespace.' },
    rationale: 'Sharing the {{type}} namespace exposes {{exposes}}.',
    remediation: 'Give the container its own {{type}} namespace (OCI: add {"type": "{{type}}"} to linux.namespaces).',
    references: ['man 7 namespaces', 'OCI runtime-spec config-linux.md#namespaces', 'CIS Docker Benchmark 5.9, 5.15, 5.16, 5.20, 5.21'],
  },
  check(subject, ctx) {
    for (const [type, severity, exposes] of SHARED) {
      if (subject.namespaces[type].state === 'host') ctx.report('shared', { type, exposes }, `namespaces.${type}`, { severity });
    }
  },
});

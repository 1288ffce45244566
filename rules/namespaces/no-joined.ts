import { defineRule } from '../../engine/rule-api.js';
import { NAMESPACE_TYPES } from '../../engine/linux/namespaces.js';

export default defineRule({
  id: 'namespaces/no-joined',
  meta: {
    severity: 'high',
    appliesTo: ['oci'],
    title: 'Namespaces are not joined from another process by path',
    description: 'A namespace entry with a `path` joins an existing namespace instead of creating one. Joining /proc/1/ns/* is sharing the host\'s; joining another container\'s shares its isolation and its compromise.',
    messages: { joined: '{{subject}} joins the {{type}} namespace at {{path}}.' },
    rationale: 'A joined namespace is shared, not isolated. {{why}}',
    remediation: 'Remove "path" from the {{type}} namespace so the container gets a new one, unless sharing with that process is the documented intent.',
    references: ['OCI runtime-spec config-linux.md#namespaces', 'man 2 setns'],
  },
  check(subject, ctx) {
    for (const type of NAMESPACE_TYPES) {
      const ns = subject.namespaces[type];
      if (ns.state !== 'joined') continue;
      const host = /^\/proc\/1\/ns\//.test(ns.path);
      const why = host
        ? `PID 1's ${type} namespace is the host's: joining it removes the isolation entirely.`
        : `The container shares the ${type} namespace, and whatever compromises one process, with the owner of ${ns.path}.`;
      ctx.report('joined', { type, path: ns.path, why }, `namespaces.${type}`, { severity: host ? 'critical' : 'medium' });
    }
  },
});

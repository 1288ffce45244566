import { defineRule } from '../../engine/rule-api.js';
import type { NamespaceType } from '../../engine/linux/namespaces.js';

export default defineRule({
  id: 'policy/namespaces',
  meta: {
    severity: 'high',
    appliesTo: ['oci', 'kubernetes', 'compose', 'docker', 'process'],
    title: 'The namespaces the policy requires are isolated',
    description: 'Reports each namespace the profile marks `isolated` that the container shares with the host, joins from another process, or whose state could not be read. Active when the policy lists namespaces.',
    messages: {
      notIsolated: '{{subject}}\'s {{type}} namespace is {{state}}, but the policy requires it isolated.',
    },
    rationale: 'The policy requires the {{type}} namespace isolated; a shared or joined one gives the container what the namespace would have kept from it.',
    remediation: 'Give the container its own {{type}} namespace.',
    references: ['man 7 namespaces', 'caplint profiles (namespaces)'],
    options: {
      type: 'object',
      properties: { required: { type: 'array', items: { enum: ['pid', 'network', 'ipc', 'uts', 'mount', 'cgroup', 'user', 'time'] } } },
      additionalProperties: false,
    },
    defaultOptions: {},
  },
  check(subject, ctx) {
    for (const type of (ctx.options.required as readonly NamespaceType[] | undefined) ?? []) {
      const ns = subject.namespaces[type];
      if (ns.state === 'isolated') continue;
      const state = ns.state === 'host' ? 'shared with the host' : ns.state === 'joined' ? `joined from ${ns.path}` : `unknown (${ns.reason})`;
      ctx.report('notIsolated', { type, state }, `namespaces.${type}`);
    }
  },
});

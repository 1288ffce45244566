import { defineRule } from '../../engine/rule-api.js';
import { isUnknown } from '../../engine/model/subject.js';
import { sysctlNamespace } from '../../engine/linux/sysctls.js';

export default defineRule({
  id: 'kernel/namespaced-sysctls',
  meta: {
    severity: 'high',
    appliesTo: ['oci', 'kubernetes', 'compose', 'docker'],
    title: 'Only namespaced sysctls are set, in namespaces the container owns',
    description: 'Only some sysctls are isolated by a namespace (IPC: kernel.shm*, kernel.msg*, kernel.sem, fs.mqueue.*; UTS: kernel.hostname/domainname; network: net.*). Any other sysctl, or a namespaced one whose namespace is shared with the host, is set on the host.',
    messages: {
      hostWide: '{{subject}} sets {{name}}, which is not namespaced: it changes the host.',
      shared: '{{subject}} sets {{name}} while sharing the host\'s {{ns}} namespace: it changes the host.',
    },
    rationale: 'A host-wide sysctl set for one container silently reconfigures the kernel for every workload on the node.',
    remediation: 'Remove {{name}} from the container\'s sysctls; set it on the node if the node really needs it.',
    references: ['man 8 sysctl', 'https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/', 'OCI runtime-spec config-linux.md#sysctl'],
  },
  check(subject, ctx) {
    if (isUnknown(subject.sysctls)) return;
    for (const name of Object.keys(subject.sysctls)) {
      const ns = sysctlNamespace(name);
      if (!ns) ctx.report('hostWide', { name }, `sysctls/${name}`);
      else if (subject.namespaces[ns].state === 'host') ctx.report('shared', { name, ns }, `sysctls/${name}`);
    }
  },
});

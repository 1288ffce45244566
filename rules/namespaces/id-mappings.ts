import { defineRule } from '../../engine/rule-api.js';
import { isUnknown } from '../../engine/model/subject.js';

export default defineRule({
  id: 'namespaces/id-mappings',
  meta: {
    severity: 'high',
    appliesTo: ['oci'],
    title: 'A user namespace maps ids, and not to host root',
    description: 'A new user namespace needs uid and gid mappings to be useful, and mapping container ids onto host uid or gid 0 gives host root back.',
    messages: {
      unmapped: '{{subject}} creates a user namespace without {{which}} mappings.',
      hostRoot: '{{subject}} maps container {{kind}} {{containerID}} onto host {{kind}} 0.',
    },
    rationale: 'Without mappings the runtime falls back to its own behaviour; a mapping onto host id 0 makes container root host root again.',
    remediation: 'Map the container\'s ids onto an unprivileged host range, e.g. {"containerID": 0, "hostID": 100000, "size": 65536}.',
    references: ['man 7 user_namespaces', 'OCI runtime-spec config-linux.md#user-namespace-mappings'],
  },
  check(subject, ctx) {
    if (subject.namespaces.user.state !== 'isolated') return;
    for (const [which, kind, list] of [['uid', 'uid', subject.uidMappings], ['gid', 'gid', subject.gidMappings]] as const) {
      if (isUnknown(list)) continue;
      if (list.length === 0) ctx.report('unmapped', { which }, `${which}Mappings`);
      list.forEach((m, i) => {
        if (m.hostID === 0 && m.size > 0) ctx.report('hostRoot', { kind, containerID: m.containerID }, `${which}Mappings/${i}`);
      });
    }
  },
});

import { defineRule } from '../../engine/rule-api.js';
import { containerView, known } from '../../engine/model/query.js';
import { isUnknown } from '../../engine/model/subject.js';
import { itemKey } from '../../engine/model/keys.js';

export default defineRule({
  id: 'privileges/no-root-group',
  meta: {
    severity: 'low',
    appliesTo: ['oci', 'kubernetes', 'compose', 'docker', 'process'],
    title: 'A non-root workload does not run in the root group',
    description: 'Checks the primary gid (Kubernetes runAsGroup, the container\'s else the pod\'s; OCI process.user.gid; compose `user: "1000:0"`; docker inspect Config.User) '
      + 'and the supplementary groups (Kubernetes supplementalGroups and fsGroup, which the kubelet adds to every process of the pod; OCI additionalGids; compose group_add; docker GroupAdd). '
      + 'gid 0 grants no capability, so this is low: it gives group access to every file whose group is root, which on most hosts is nearly all system files but rarely with group write (/etc/shadow is root:shadow or mode 0000). '
      + 'It matters where files are group-writable for root: images built for OpenShift, which runs arbitrary uids in gid 0 on purpose, make their directories g=rwX, and any process in gid 0 can rewrite them. '
      + 'Medium when the container also has a writable bind mount of a host path: host files that are group-writable for root become writable from the container. '
      + 'Not reported when the uid is 0 (privileges/no-root-without-userns reports that), inside a user namespace (gid 0 maps to an unprivileged host gid), or when the gid is left to the image (group names in group_add are the image\'s to resolve and are not read).',
    messages: {
      primary: '{{subject}} runs as {{user}} in group 0 (root).',
      primaryHostMount: '{{subject}} runs as {{user}} in group 0 (root) and bind-mounts {{source}} from the host read-write.',
      supplementary: '{{subject}} runs as {{user}} with group 0 (root) among its supplementary groups.',
      supplementaryHostMount: '{{subject}} runs as {{user}} with group 0 (root) among its supplementary groups and bind-mounts {{source}} from the host read-write.',
    },
    rationale: 'Group 0 can read and write whatever is group-owned by root with group permissions, in the image and on host mounts.',
    remediation: 'Use a non-zero group (runAsGroup, process.user.gid, `user: "UID:GID"`) and take 0 out of supplementalGroups, fsGroup, additionalGids or group_add; if the image needs gid 0 (OpenShift images), keep host mounts read-only.',
    references: ['man 7 credentials', 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/', 'https://docs.openshift.com/container-platform/latest/openshift_images/create-images.html (support arbitrary user ids)'],
  },
  check(subject, ctx) {
    if (!containerView(subject) || subject.namespaces.user.state === 'isolated') return;
    const { uid, gid, groups = [] } = subject.user;
    if (uid === 0) return;
    const primary = gid === 0;
    if (!primary && !groups.includes(0)) return;
    const user = isUnknown(uid) ? 'the image\'s user' : `uid ${uid}`;
    const at = primary ? 'user.gid' : itemKey('user.groups', 0);
    const writable = known(subject.mounts).find((m) => m.bind && !m.readOnly && m.source.startsWith('/'));
    const id = `${primary ? 'primary' : 'supplementary'}${writable ? 'HostMount' : ''}`;
    ctx.report(id, { user, ...(writable ? { source: writable.source } : {}) }, at, writable ? { severity: 'medium' } : undefined);
  },
});

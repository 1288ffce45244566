import { defineRule } from '../../engine/rule-api.js';
import { containerView } from '../../engine/model/query.js';
import { isUnknown } from '../../engine/model/subject.js';

export default defineRule({
  id: 'privileges/read-only-rootfs',
  meta: {
    severity: 'low',
    appliesTo: ['oci', 'kubernetes', 'compose', 'docker', 'process'],
    title: 'The root filesystem is read-only',
    description: 'A writable root filesystem lets an attacker replace binaries and libraries the workload will run and persist tools between restarts of the process. Judged for containers; a profile with filesystem.readOnlyRootfs: true requires it of every subject.',
    messages: { writable: '{{subject}}\'s root filesystem is writable.' },
    rationale: 'Read-only images turn many post-exploitation steps (dropping tools, patching binaries) into errors.',
    remediation: 'Set root.readonly: true (Kubernetes: readOnlyRootFilesystem: true) and mount writable volumes only where the workload writes.',
    references: ['CIS Docker Benchmark 5.12', 'OCI runtime-spec config.md#root'],
    options: {
      type: 'object',
      properties: { required: { type: 'boolean' } },
      additionalProperties: false,
    },
    defaultOptions: {},
  },
  check(subject, ctx) {
    // required: a profile's filesystem.readOnlyRootfs, which applies to every subject (a process caplint run launched too).
    if (ctx.options.required !== true && !containerView(subject)) return;
    if (!isUnknown(subject.readOnlyRootfs) && !subject.readOnlyRootfs) ctx.report('writable', {}, 'readOnlyRootfs');
  },
});

import { limitRule } from '../../engine/model/limit-rule.js';

export default limitRule({
  limit: 'pids',
  severity: 'medium',
  title: 'A pids limit is set',
  what: 'pids limit',
  why: 'Without a pids limit a fork bomb in one container exhausts the host\'s process table.',
  remediation: 'Set linux.resources.pids.limit (compose: pids_limit; Kubernetes: the kubelet\'s podPidsLimit).',
  bound: 'processes',
  show: (n) => String(n),
  references: ['CIS Docker Benchmark 5.29', 'https://docs.kernel.org/admin-guide/cgroup-v2.html#pid'],
});

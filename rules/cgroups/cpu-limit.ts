import { limitRule } from '../../engine/model/limit-rule.js';

export default limitRule({
  limit: 'cpu',
  severity: 'low',
  title: 'A CPU limit is set',
  what: 'CPU limit',
  why: 'Without a CPU quota one container can take every core of the host and starve the others.',
  remediation: 'Set linux.resources.cpu.quota and period (Kubernetes: resources.limits.cpu; compose: cpus).',
  bound: 'CPUs (quota / period)',
  show: (n) => `${Number(n.toFixed(2))} CPUs`,
  references: ['CIS Docker Benchmark 5.11', 'https://docs.kernel.org/admin-guide/cgroup-v2.html#cpu'],
});

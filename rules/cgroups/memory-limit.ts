import { limitRule } from '../../engine/model/limit-rule.js';

export default limitRule({
  limit: 'memory',
  severity: 'medium',
  title: 'A memory limit is set',
  what: 'memory limit',
  why: 'Without a memory limit one container can exhaust the host\'s memory and make the kernel\'s OOM killer pick other workloads.',
  remediation: 'Set linux.resources.memory.limit (Kubernetes: resources.limits.memory; compose: mem_limit).',
  bound: 'bytes',
  show: (n) => (n >= 1024 ** 3 && n % 1024 ** 3 === 0 ? `${n / 1024 ** 3} GiB` : n >= 1024 ** 2 ? `${(n / 1024 ** 2).toFixed(0)} MiB` : `${n} bytes`),
  references: ['CIS Docker Benchmark 5.10', 'https://docs.kernel.org/admin-guide/cgroup-v2.html#memory'],
});

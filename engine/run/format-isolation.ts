/** `caplint run --dry-run`: the namespaces, id map, mounts and cgroup limits of the plan. */
import { NAMESPACE_KINDS } from '../../enforcer/isolation-plan.js';
import { CPU_PERIOD_US } from './cgroup/cgroup-files.js';
import type { IsolationDecision } from './decide-isolation.js';
import { formatBytes } from './limit-report.js';

const row = (label: string, value: string): string => `  ${label.padEnd(13)}${value}\n`;

export function formatIsolation(decision: IsolationDecision, refused: boolean): string {
  const plan = decision.plan;
  const made = plan?.namespaces ?? [];
  const shared = NAMESPACE_KINDS.filter((k) => !made.includes(k));
  let out = row('namespaces', `${made.length ? `new ${made.join(' ')}` : 'none new'}${shared.length ? `; shared with caplint: ${shared.join(' ')}` : ''}`);
  if (plan?.idMap) {
    const m = plan.idMap;
    const span = (inside: number, outside: number, count = 1): string => (count === 1 ? `${inside} = ${outside}` : `${inside}-${inside + count - 1} = ${outside}-${outside + count - 1}`);
    out += row('id map', `uid ${span(m.insideUid, m.outsideUid, m.uidCount)}, gid ${span(m.insideGid, m.outsideGid, m.gidCount)} outside${m.denySetgroups ? ' (setgroups denied)' : ''}`);
  }
  if (made.includes('pid')) out += row('pid 1', plan!.init ? "caplint's minimal init (reaps orphans, forwards signals); the command runs under it" : 'the command itself (--no-init: no init reaps orphans or forwards signals)');
  if (made.includes('mount')) out += row('mounts', ['private propagation', plan!.mountProc ? 'a fresh /proc' : '', plan!.readOnlyRoot ? '/ read-only' : ''].filter(Boolean).join(', '));
  const masks = plan?.maskedPaths ?? [];
  if (masks.length) out += row('masked', masks.map((m) => `${m.path}${m.directory ? '/' : ''}`).join(' '));
  if (plan?.readonlyPaths.length) out += row('read-only', plan.readonlyPaths.join(' '));
  if (made.includes('net')) out += row('network', 'only lo, up');
  if (plan?.hostname) out += row('hostname', plan.hostname);
  const { cpu, memory, pids } = decision.limits;
  const limits = [
    cpu !== undefined ? `cpu ${cpu} (quota ${Math.max(1000, Math.round(cpu * CPU_PERIOD_US))} per ${CPU_PERIOD_US} us)` : '',
    memory !== undefined ? `memory ${formatBytes(memory)} (swap included)` : '',
    pids !== undefined ? `pids ${pids}` : '',
  ].filter(Boolean);
  out += row('limits', limits.length ? limits.join(', ') : 'none');
  for (const place of decision.places) out += row('cgroup', `${place.parentDir}/caplint-run-PID-N (${place.controllers.join(',')}), removed when the command ends`);
  for (const gap of decision.gaps) out += row(refused ? 'refused' : 'partial', refused ? `${gap}; pass --allow-partial to run without it` : `${gap} (--allow-partial)`);
  return out;
}

/** `caplint run --dry-run`: the plan as masks and names, and the seccomp summary. */
import { namesOfMask } from '../linux/capabilities.js';
import type { PlanDecision } from './decide-plan.js';
import type { SeccompChoice } from './seccomp-source.js';

const hex = (mask: bigint): string => mask.toString(16).padStart(16, '0');

export function formatPlan(decision: PlanDecision, source: string, seccomp: SeccompChoice | null): string {
  const { plan } = decision;
  const caps = plan.capabilities;
  const row = (label: string, value: string): string => `  ${label.padEnd(13)}${value}\n`;
  const capRow = (label: string, mask: bigint): string => {
    const names = namesOfMask(mask, plan.lastCap);
    return row(label, `${hex(mask)}  ${names.length ? names.join(' ') : '(none)'}`);
  };
  let out = 'caplint run: plan (dry run, nothing is run)\n';
  out += row('command', [plan.file, ...plan.argv.slice(1)].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : JSON.stringify(a))).join(' '));
  out += row('from', source);
  out += capRow(plan.dropBounding ? 'bounding' : 'bounding (!)', caps.bounding);
  out += capRow('permitted', caps.permitted);
  out += capRow('effective', caps.effective);
  out += capRow('inheritable', caps.inheritable);
  out += capRow('ambient', caps.ambient);
  out += row('user', plan.user ? `uid ${plan.user.uid}, gid ${plan.user.gid} (PR_SET_KEEPCAPS, groups cleared)` : 'unchanged');
  out += row('no_new_privs', plan.noNewPrivs ? 'yes' : 'no');
  out += row('seccomp', seccomp ? `${seccomp.summary}; flags ${seccomp.flags.length ? seccomp.flags.join(',') : 'none'}` : 'none (unconfined)');
  if (decision.partial) out += row('partial', `${decision.partial} (--allow-partial): the bounding set is left as inherited`);
  for (const note of decision.notes) out += row('note', note);
  return out;
}

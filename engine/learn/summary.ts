/** What `caplint learn` says on stderr, and the sentence its profile's description starts with. */
import type { Arch } from '../seccomp/types.js';
import type { LearnedSeccomp } from './learned-seccomp.js';
import type { Observation } from './observed.js';
import { namesByArch } from './observed.js';
import type { LearningResult } from './run-learning.js';
import type { IsolationDecision } from '../run/decide-isolation.js';

type Ran = Extract<LearningResult, { kind: 'ran' }>;

const quote = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);

export function describeRun(command: readonly string[], when: Date, base: string, result: Ran): string {
  const ending = result.timedOut ? 'stopped after --timeout' : `exit ${result.exitCode}`;
  return `Learned by caplint learn on ${when.toISOString()} from \`${command.map(quote).join(' ')}\` (${ending}) over the base "${base}"`;
}

/** Where the run was learned: in the base's namespaces and limits, and what of them could not be had. */
export function isolationSentence(isolation: IsolationDecision): string {
  const parts: string[] = [];
  if (isolation.plan?.namespaces.length) parts.push(`in new ${isolation.plan.namespaces.join(', ')} namespaces`);
  const limits = Object.entries(isolation.limits).map(([kind, n]) => `${kind} ${n}`);
  if (limits.length) parts.push(`with the limits ${limits.join(', ')}`);
  if (isolation.gaps.length) parts.push(`without what could not be set up here (${isolation.gaps.join('; ')})`);
  return parts.length ? `, ${parts.join(', ')}` : '';
}

export interface SummaryInput {
  readonly request: { readonly output: string };
  readonly result: Ran;
  readonly observation: Observation;
  readonly seccomp: LearnedSeccomp;
  readonly capabilities: readonly string[];
  readonly seccompFile: string;
  readonly native: Arch;
}

export function summary({ request, result, observation, seccomp, capabilities, seccompFile }: SummaryInput): string {
  const lines: string[] = [];
  const allowed = namesByArch(observation.calls, false);
  const denied = namesByArch(observation.calls, true);
  const calls = observation.calls.reduce((n, c) => n + c.count, 0);
  lines.push(`caplint learn: ${calls} calls recorded as ${result.recording.calls.length} distinct calls.`);
  for (const [arch, names] of allowed) lines.push(`  ${arch}: ${names.length} syscalls allowed: ${names.join(', ')}`);
  for (const [arch, names] of denied) lines.push(`  ${arch}: refused by the base (and still refused): ${names.join(', ')}`);
  if (observation.unnamed.length) lines.push(`  calls caplint has no name for (not allowed): ${observation.unnamed.join(', ')}`);
  const caps = result.capabilities.kind === 'traced' ? 'learned' : `not learned (${result.capabilities.reason}), the base's kept`;
  lines.push(`  capabilities ${caps}: ${capabilities.length ? capabilities.join(', ') : 'none'}`);
  lines.push(`  wrote ${request.output} and ${seccompFile} (${seccomp.allow.length} allow rules on ${seccomp.arches.join(', ')})`);
  if (result.recording.error) lines.push(`caplint learn: warning: the recorder stopped early (${result.recording.error}); the profile is partial`);
  if (result.timedOut) lines.push('caplint learn: warning: the command was stopped by --timeout; the profile is partial');
  else if (result.exitCode !== 0) lines.push(`caplint learn: warning: the command exited ${result.exitCode}; a failing run learns a partial profile`);
  return `${lines.join('\n')}\n`;
}

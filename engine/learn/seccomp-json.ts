/**
 * A learned seccomp profile to and from Docker's JSON format (the format of
 * profiles/seccomp/*.json). Docker's format cannot give one name to one
 * architecture of a multi-architecture filter: a name allowed is allowed on
 * every architecture listed in `archMap`, so only the architectures actually
 * seen are listed (a call from any other is refused by the filter).
 */
import type { Action, Arch, ArgCompare, CompareOp } from '../seccomp/types.js';
import type { Profile } from '../seccomp/profile/model.js';
import { archOfScmp, SCMP_ARCH_OF } from '../seccomp/profile/arches.js';
import { filterArches } from '../seccomp/profile/filter-arches.js';
import { argumentSets } from '../seccomp/profile/conditions.js';
import type { LearnedRule, LearnedSeccomp } from './learned-seccomp.js';
import { tidy } from './learned-seccomp.js';

const OP_NAME: Readonly<Record<CompareOp, string>> = {
  NE: 'SCMP_CMP_NE', LT: 'SCMP_CMP_LT', LE: 'SCMP_CMP_LE', EQ: 'SCMP_CMP_EQ', GE: 'SCMP_CMP_GE', GT: 'SCMP_CMP_GT', MASKED_EQ: 'SCMP_CMP_MASKED_EQ',
};

const ACTION_NAME: Readonly<Record<Action['kind'], string>> = {
  kill_process: 'SCMP_ACT_KILL_PROCESS', kill_thread: 'SCMP_ACT_KILL_THREAD', trap: 'SCMP_ACT_TRAP', errno: 'SCMP_ACT_ERRNO',
  trace: 'SCMP_ACT_TRACE', log: 'SCMP_ACT_LOG', notify: 'SCMP_ACT_NOTIFY', allow: 'SCMP_ACT_ALLOW',
};

/** Numbers above 2^53 are written digit for digit (JSON.stringify cannot). */
const BIG = '\u0000u64:';
const num = (v: bigint): number | string => (v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : `${BIG}${v}`);

function argJson(c: ArgCompare): Record<string, unknown> {
  return { index: c.index, value: num(c.value), ...(c.op === 'MASKED_EQ' ? { valueTwo: num(c.valueTwo) } : {}), op: OP_NAME[c.op] };
}

function describeRule(r: LearnedRule): string {
  return `${r.name}(${r.args.map((c) => `arg${c.index} ${c.op === 'MASKED_EQ' ? `& 0x${c.value.toString(16)} == 0x${c.valueTwo.toString(16)}` : `${c.op} 0x${c.value.toString(16)}`}`).join(', ')})`;
}

export function seccompJson(learned: LearnedSeccomp, comment: string): string {
  const always = learned.allow.filter((r) => r.args.length === 0).map((r) => r.name);
  const def = learned.defaultAction;
  const syscalls: Record<string, unknown>[] = [];
  if (always.length) syscalls.push({ comment: 'Seen, allowed whatever the arguments.', names: always, action: 'SCMP_ACT_ALLOW' });
  for (const r of learned.allow.filter((x) => x.args.length > 0))
    syscalls.push({ comment: `Seen as ${describeRule(r)}: the base profile conditions this call on its arguments.`, names: [r.name], action: 'SCMP_ACT_ALLOW', args: r.args.map(argJson) });
  for (const e of learned.errno)
    syscalls.push({ comment: 'Kept from the base profile: answered with this errno rather than the default.', names: [e.name], action: 'SCMP_ACT_ERRNO', errnoRet: e.errno });
  const doc = {
    comment,
    defaultAction: ACTION_NAME[def.kind],
    ...(def.kind === 'errno' ? { defaultErrnoRet: def.errno } : {}),
    archMap: [{ architecture: SCMP_ARCH_OF[learned.native], subArchitectures: learned.arches.filter((a) => a !== learned.native).map((a) => SCMP_ARCH_OF[a]) }],
    syscalls,
  };
  return `${JSON.stringify(doc, null, 2).replace(/"\\u0000u64:(\d+)"/g, '$1')}\n`;
}

/** A seccomp profile read back as a learned one (for --merge): its allow rules, its other errno rules, its architectures. */
export function fromProfile(profile: Profile, native: Arch): LearnedSeccomp {
  const arches = filterArches(profile, native).arches;
  const allow: LearnedRule[] = [];
  const errno: { name: string; errno: number }[] = [];
  for (const rule of profile.rules) {
    for (const { name } of rule.names) {
      if (rule.action.kind === 'allow' || rule.action.kind === 'log') for (const args of argumentSets(rule.args)) allow.push({ name, args });
      else if (rule.action.kind === 'errno') errno.push({ name, errno: rule.action.errno });
    }
  }
  return { native, arches: arches.filter((a) => archOfScmp(SCMP_ARCH_OF[a], native)), defaultAction: profile.defaultAction, allow: tidy(allow), errno };
}

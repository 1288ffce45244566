/**
 * One question for every subject: what does its seccomp filter let through?
 * For a config, its declared profile's decision table (resolved against the
 * bounding set); for a live process, the emulation of the filters the kernel
 * holds for it (engine/seccomp/reachable.ts, recorded on the process by the
 * live scan). Undefined when there is nothing to judge: no filter, or a
 * process whose filters could not be dumped (live/reachable-syscalls says why).
 */
import type { Subject } from '../model/subject.js';
import { isUnknown } from '../model/subject.js';
import type { Verdict } from './analyse.js';
import { subjectProfile } from './analyse-subject.js';

export interface SeccompVerdicts {
  /** `profile`: the profile the config declares; `filters`: the filters in force on a process. */
  readonly source: 'profile' | 'filters';
  /** Calls no rule names get through (a deny-list). */
  readonly defaultAllows: boolean;
  /** For the names of the risk catalogue: allow, conditional (some arguments only) or deny. */
  verdict(name: string): Verdict;
  /** An argument-gated call (clone, clone3, socket) gets through with its risky arguments. */
  riskyArguments(name: string): boolean;
}

export function subjectVerdicts(subject: Subject): SeccompVerdicts | undefined {
  if (subject.kind !== 'process') {
    const analysis = subjectProfile(subject);
    if (!analysis) return undefined;
    return { source: 'profile', defaultAllows: analysis.defaultAllows, verdict: (n) => analysis.verdict(n), riskyArguments: (n) => analysis.verdict(n) === 'allow' };
  }
  const p = subject.process;
  const reachable = p?.reachableSyscalls;
  if (!p || reachable === undefined || isUnknown(reachable)) return undefined;
  const through = new Set(reachable);
  const checked = new Set(p.argumentCheckedSyscalls ?? []);
  const risky = new Set(p.riskyArgumentSyscalls ?? []);
  return {
    source: 'filters',
    defaultAllows: p.filterDefaultAllows ?? false,
    verdict: (n) => (!through.has(n) ? 'deny' : checked.has(n) ? 'conditional' : 'allow'),
    riskyArguments: (n) => risky.has(n),
  };
}

/**
 * What a seccomp profile lets through, per syscall name, for the audit rules.
 * Memoised per profile document: a corpus that shares one profile pays once.
 */
import type { SeccompProfileSource } from '../model/subject.js';

export type Verdict = 'allow' | 'conditional' | 'deny';

export interface ProfileAnalysis {
  /** The default action lets calls through (a deny-list profile). */
  readonly defaultAllows: boolean;
  readonly defaultAction: string;
  /** `architectures` as written, or null when absent. */
  readonly architectures: readonly string[] | null;
  verdict(name: string): Verdict;
}

export interface AnalyseOptions {
  /** The bounding set the container gets (Docker's includes/excludes.caps test it). */
  readonly caps?: readonly string[];
}

interface Rule {
  names?: string[];
  name?: string;
  action?: string;
  args?: unknown[] | null;
  includes?: { caps?: string[] };
  excludes?: { caps?: string[] };
}

const LETS_THROUGH = new Set(['SCMP_ACT_ALLOW', 'SCMP_ACT_LOG']);
/** Another process decides: the call may go through. */
const DEFERS = new Set(['SCMP_ACT_TRACE', 'SCMP_ACT_NOTIFY']);

const cache = new WeakMap<object, Map<string, ProfileAnalysis>>();

export function analyseProfile(source: SeccompProfileSource, options: AnalyseOptions = {}): ProfileAnalysis {
  const doc = (source.document ?? {}) as {
    defaultAction?: string; architectures?: string[]; syscalls?: Rule[];
    archMap?: { architecture: string; subArchitectures?: string[] }[];
  };
  const key = (options.caps ?? []).join(',');
  let byCaps = cache.get(doc);
  if (!byCaps) cache.set(doc, (byCaps = new Map()));
  const hit = byCaps.get(key);
  if (hit) return hit;
  const caps = new Set(options.caps ?? []);
  const defaultAction = doc.defaultAction ?? 'SCMP_ACT_KILL';
  const defaultAllows = LETS_THROUGH.has(defaultAction);
  const verdicts = new Map<string, Verdict>();
  for (const rule of doc.syscalls ?? []) {
    if (!applies(rule, caps)) continue;
    const action = rule.action ?? '';
    const hasArgs = (rule.args?.length ?? 0) > 0;
    // A rule with arguments decides only for matching values; the others fall to the default.
    const verdict: Verdict = DEFERS.has(action)
      ? 'conditional'
      : LETS_THROUGH.has(action)
        ? (hasArgs && !defaultAllows ? 'conditional' : 'allow')
        : (hasArgs && defaultAllows ? 'conditional' : 'deny');
    for (const name of rule.names ?? (rule.name ? [rule.name] : [])) verdicts.set(name, merge(verdicts.get(name), verdict));
  }
  const analysis: ProfileAnalysis = {
    defaultAllows,
    defaultAction,
    architectures: doc.architectures ?? doc.archMap?.flatMap((a) => [a.architecture, ...(a.subArchitectures ?? [])]) ?? null,
    verdict(name) {
      return verdicts.get(name) ?? (defaultAllows ? 'allow' : DEFERS.has(defaultAction) ? 'conditional' : 'deny');
    },
  };
  byCaps.set(key, analysis);
  return analysis;
}

function applies(rule: Rule, caps: ReadonlySet<string>): boolean {
  const need = rule.includes?.caps ?? [];
  if (need.length && !need.every((c) => caps.has(c))) return false;
  const unless = rule.excludes?.caps ?? [];
  if (unless.length && unless.some((c) => caps.has(c))) return false;
  return true;
}

/** Several rules for one name: the most permissive outcome stands (any allowing path is a way through). */
function merge(previous: Verdict | undefined, next: Verdict): Verdict {
  if (previous === undefined) return next;
  const rank: Record<Verdict, number> = { deny: 0, conditional: 1, allow: 2 };
  return rank[next] > rank[previous] ? next : previous;
}

/**
 * What a seccomp profile lets a container do, for the audit rules: the
 * resolved decision table plus a verdict per syscall name. Memoised per
 * profile document and options: a corpus that shares one profile pays once.
 * (Keeps the API of the first version on main: defaultAllows, defaultAction,
 * architectures and verdict, now answered from the decision table.)
 */
import type { Action, Arch, ArchTable, DecisionTable, SyscallEntry } from './types.js';
import type { SeccompProfileSource } from '../model/subject.js';
import type { KernelVersion, Profile } from './profile/model.js';
import { readProfile } from './profile/read.js';
import { resolveProfile, effectiveRules } from './profile/resolve.js';
import { parseKernelRelease } from './profile/kernel.js';
import { decideInArch } from './decide.js';
import { syscallNumber, syscallNames as syscallNamesOf } from '../linux/syscalls/index.js';

export type Verdict = 'allow' | 'conditional' | 'deny' | 'unknown-name';

export interface AnalyseOptions {
  /** Native architecture (x86_64 when not given). */
  readonly arch?: Arch;
  /** The bounding set the container gets, CAP_* names (Docker's default 14 when not given). */
  readonly caps?: readonly string[];
  /** Kernel release such as "6.1.0-13-amd64"; when not given every minKernel is met. */
  readonly kernel?: string | KernelVersion;
  /** Accept syscall names no table knows (they match nothing) instead of refusing the profile. */
  readonly acceptUnknownSyscalls?: boolean;
}

export interface ProfileAnalysis {
  /** The default action lets calls through (ALLOW or LOG: a deny-list profile). */
  readonly defaultAllows: boolean;
  /** defaultAction as written (SCMP_ACT_ERRNO, ...). */
  readonly defaultAction: string;
  /** `architectures` as written, else every archMap architecture and sub-architecture, else null. */
  readonly architectures: readonly string[] | null;
  readonly profile: Profile;
  readonly table: DecisionTable;
  /** The native architecture's table (first in `table.arches`). */
  readonly native: ArchTable;
  /**
   * allow: every call succeeds past the filter (ALLOW or LOG); deny: every call
   * is refused (ERRNO, TRAP, KILL); conditional: the answer depends on the
   * arguments or on another process (TRACE, NOTIFY). Answered for the native
   * architecture; a name it lacks (vm86 on x86_64) is answered for the first
   * filter architecture that has it (i386 through archMap), since a process
   * can call it through that ABI. unknown-name: no filter architecture has it.
   */
  verdict(name: string): Verdict;
  /** The native entry for `name` (undefined: the default action decides). */
  entry(name: string): SyscallEntry | undefined;
  /** JSON pointer of the name, in the first effective rule that lists it; for findings. */
  pointerOf(name: string): string | undefined;
  /** Every native syscall name whose verdict is allow or conditional. */
  permitted(): string[];
  /** The action for a call of `name` with `args` on the native architecture; undefined when the name is not a syscall there. */
  check(name: string, args?: readonly bigint[]): Action | undefined;
}

/** Per document: each options key's analysis, or the error that reading the profile raised (thrown again, not recomputed). */
const cache = new WeakMap<object, Map<string, ProfileAnalysis | { readonly failed: unknown }>>();

/**
 * Analyses by content: bundles often carry the same profile, each its own
 * parsed copy, and resolving costs about a millisecond. Bounded so a corpus
 * of distinct profiles cannot grow it without limit.
 */
const byContent = new Map<string, ProfileAnalysis>();
const CONTENT_CACHE_LIMIT = 256;
const documentText = new WeakMap<object, string>();

/** A profile document's JSON text, computed once per document object and shared (analysis cache keys, custom-rule sandbox). */
export function profileDocumentText(doc: object): string {
  return textOf(doc);
}

function textOf(doc: object): string {
  let text = documentText.get(doc);
  if (text === undefined) documentText.set(doc, (text = JSON.stringify(doc)));
  return text;
}

/** Analyse a profile; throws CaplintError (with file:line:column) when the profile is invalid. */
export function analyseProfile(source: SeccompProfileSource, options: AnalyseOptions = {}): ProfileAnalysis {
  const doc = source.document;
  const key = JSON.stringify([source.format, source.pointer, options.arch ?? '', [...(options.caps ?? ['<default>'])].sort(), options.kernel ?? '', options.acceptUnknownSyscalls === true]);
  const perDoc = doc !== null && typeof doc === 'object' ? cache.get(doc) ?? new Map() : undefined;
  const found = perDoc?.get(key);
  if (found && 'failed' in found) throw found.failed;
  if (found) return found;
  const contentKey = doc !== null && typeof doc === 'object' ? `${key}\u0000${textOf(doc)}` : undefined;
  let result: ProfileAnalysis | { readonly failed: unknown } | undefined = contentKey === undefined ? undefined : byContent.get(contentKey);
  if (!result) {
    try {
      result = analyse(source, options);
      if (contentKey !== undefined) {
        if (byContent.size >= CONTENT_CACHE_LIMIT) byContent.clear();
        byContent.set(contentKey, result);
      }
    } catch (error) {
      result = { failed: error };
    }
  }
  if (perDoc) {
    perDoc.set(key, result);
    cache.set(doc as object, perDoc);
  }
  if ('failed' in result) throw result.failed;
  return result;
}

function analyse(source: SeccompProfileSource, options: AnalyseOptions): ProfileAnalysis {
  const profile = readProfile(source, { acceptUnknownSyscalls: options.acceptUnknownSyscalls === true });
  const kernel = typeof options.kernel === 'string' ? parseKernelRelease(options.kernel) : options.kernel;
  const resolveOptions = { ...(options.arch ? { arch: options.arch } : {}), ...(options.caps ? { caps: options.caps } : {}), ...(kernel ? { kernel } : {}) };
  const table = resolveProfile(profile, resolveOptions);
  const native = table.arches[0]!;
  const byName = new Map(native.syscalls.map((e) => [e.name, e]));
  const rules = effectiveRules(profile, resolveOptions);
  // Answers are kept: analyses are shared by every subject with the same profile and capabilities.
  const verdicts = new Map<string, Verdict>();
  const verdict = (name: string): Verdict => {
    let found = verdicts.get(name);
    if (found === undefined) verdicts.set(name, (found = computeVerdict(name)));
    return found;
  };
  const computeVerdict = (name: string): Verdict => {
    const arch = table.arches.find((t) => syscallNumber(t.arch, name) !== undefined);
    if (!arch) return 'unknown-name';
    const entry = arch === native ? byName.get(name) : arch.syscalls.find((e) => e.name === name);
    if (!entry) return actionVerdict(arch.defaultAction);
    const outcomes = new Set(entry.rules.map((r) => actionVerdict(r.action)));
    if (entry.rules.at(-1)!.when.length > 0) outcomes.add(actionVerdict(arch.defaultAction));
    return outcomes.size === 1 ? [...outcomes][0]! : 'conditional';
  };
  const written = source.document as { defaultAction?: unknown };
  return {
    defaultAllows: actionVerdict(profile.defaultAction) === 'allow',
    defaultAction: String(written.defaultAction),
    architectures: profile.architectures.length > 0 ? profile.architectures
      : profile.archMap.length > 0 ? profile.archMap.flatMap((a) => [a.architecture, ...a.subArchitectures]) : null,
    profile, table, native, verdict,
    entry: (name) => byName.get(name),
    pointerOf: (name) => rules.flatMap((r) => r.names).find((n) => n.name === name)?.pointer,
    permitted: () => syscallNamesOf(native.arch).filter((n) => verdict(n) !== 'deny'),
    check: (name, args) => {
      const nr = syscallNumber(native.arch, name);
      return nr === undefined ? undefined : decideInArch(native, nr, args);
    },
  };
}

export function actionVerdict(action: Action): Exclude<Verdict, 'unknown-name'> {
  switch (action.kind) {
    case 'allow': case 'log': return 'allow';
    case 'trace': case 'notify': return 'conditional';
    default: return 'deny';
  }
}

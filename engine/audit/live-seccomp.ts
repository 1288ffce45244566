/**
 * Reads the real seccomp filters of live processes (PTRACE_SECCOMP_GET_FILTER
 * through the enforcer addon; needs CAP_SYS_ADMIN) and records which risky
 * syscalls they let through. The addon is loaded only when some process has
 * a filter; when it cannot be used, the answer is Unknown with the reason.
 */
import type { LocatedSubject } from '../model/located.js';
import type { Maybe } from '../model/subject.js';
import { unknown } from '../model/subject.js';
import { decodeProgram } from '../../enforcer/bpf/types.js';
import { reachableSyscalls } from '../seccomp/reachable.js';
import { processArch } from '../inputs/proc/process-arch.js';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';

export interface FilterDumper {
  dumpSeccompFilters(pid: number, timeoutMs?: number): { readonly timedOut: boolean; readonly filters: Buffer[] };
}

/** How long one target may take to stop for its filter dump before it is detached and reported Unknown. */
export const FILTER_DUMP_TIMEOUT_MS = 250;

const CAP_SYS_ADMIN = 21n;

function selfHasSysAdmin(procRoot: string): boolean {
  try {
    const eff = /^CapEff:\s*([0-9a-f]+)$/m.exec(readFileSync(`${procRoot}/self/status`, 'utf8'))?.[1];
    return eff !== undefined && ((BigInt(`0x${eff}`) >> CAP_SYS_ADMIN) & 1n) === 1n;
  } catch {
    return false;
  }
}

export async function withReachableSyscalls(subjects: readonly LocatedSubject[], procRoot = '/proc', dumper?: FilterDumper): Promise<LocatedSubject[]> {
  const filtered = subjects.filter((s) => s.subject.seccomp.mode === 'filter' && s.subject.pid !== process.pid);
  if (filtered.length === 0) return [...subjects];
  let blocked: string | undefined = selfHasSysAdmin(procRoot) ? undefined : 'dumping a seccomp filter needs CAP_SYS_ADMIN, which caplint does not have';
  let source = dumper;
  if (!blocked && !source) {
    try {
      const { createEnforcer } = await import('../../enforcer/launcher.js');
      source = createEnforcer();
    } catch (error) {
      blocked = `the enforcer addon is not available (${error instanceof Error ? error.message : String(error)})`;
    }
  }
  const results = new Map<number, Evaluated>();
  const byProgram = new Map<string, Evaluated>();
  for (const { subject } of filtered) results.set(subject.pid!, blocked ? { reachable: unknown(blocked) } : evaluate(source!, procRoot, subject.pid!, byProgram));
  return subjects.map((located) => {
    const value = located.subject.pid === undefined ? undefined : results.get(located.subject.pid);
    if (value === undefined || !located.subject.process) return located;
    const process = {
      ...located.subject.process, reachableSyscalls: value.reachable,
      ...(value.argumentChecked ? { argumentCheckedSyscalls: value.argumentChecked } : {}),
      ...(value.riskyArguments ? { riskyArgumentSyscalls: value.riskyArguments } : {}),
      ...(value.defaultAllows !== undefined ? { filterDefaultAllows: value.defaultAllows } : {}),
      ...(value.hash ? { filterHash: value.hash } : {}),
    };
    return { ...located, subject: { ...located.subject, process } };
  });
}

interface Evaluated {
  readonly reachable: Maybe<readonly string[]>;
  readonly argumentChecked?: readonly string[];
  readonly riskyArguments?: readonly string[];
  readonly defaultAllows?: boolean;
  /** sha256 of the dumped programs (with the arch): processes under the same filters share it. */
  readonly hash?: string;
}

/** Each distinct set of dumped programs is emulated once; thousands of processes share a handful. */
function evaluate(dumper: FilterDumper, procRoot: string, pid: number, byProgram: Map<string, Evaluated>): Evaluated {
  const fail = (reason: string): Evaluated => ({ reachable: unknown(reason) });
  const found = processArch(procRoot, pid);
  if ('reason' in found) return fail(`the filter cannot be evaluated: ${found.reason}`);
  let buffers: Buffer[];
  try {
    const dump = dumper.dumpSeccompFilters(pid, FILTER_DUMP_TIMEOUT_MS);
    if (dump.timedOut) return fail(`it did not stop for the filter dump within ${FILTER_DUMP_TIMEOUT_MS} ms (it was detached and left running)`);
    buffers = dump.filters;
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    if (/ESRCH|No such process/.test(text)) return fail('the process exited before its filters were read');
    return fail(`its filters could not be dumped (${text})`);
  }
  if (buffers.length === 0) return fail('the kernel reported a filter but PTRACE_SECCOMP_GET_FILTER returned none');
  const digest = createHash('sha256').update(found.arch);
  for (const b of buffers) digest.update(`:${b.length}:`).update(b);
  const hash = digest.digest('hex');
  let done = byProgram.get(hash);
  if (done) return done;
  try {
    const result = reachableSyscalls(buffers.map((b) => decodeProgram(b)), found.arch);
    done = { reachable: result.risky, argumentChecked: result.argumentChecked, riskyArguments: result.riskyArguments, defaultAllows: result.defaultAllows, hash };
  } catch (error) {
    done = { ...fail(`a dumped filter could not be emulated (${error instanceof Error ? error.message : String(error)})`), hash };
  }
  byProgram.set(hash, done);
  return done;
}


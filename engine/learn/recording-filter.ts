/**
 * The recording filter of `caplint learn`: the base profile's decision table
 * compiled twice by caplint's own compiler. Once as it is (the *oracle* the
 * recorder runs on each notified call to answer it as the base would), and
 * once with every action that lets a call through (allow, log) or refuses it
 * with an errno turned into SECCOMP_RET_USER_NOTIF, so each such call reaches
 * the recorder. Kill, trap and trace actions stay as they are: those calls
 * are not observed. The compiler's own ENOSYS for numbers newer than its
 * tables stays too.
 */
import type { Action, Arch, ArchTable, DecisionTable } from '../seccomp/types.js';
import { AUDIT_ARCH } from '../seccomp/types.js';
import { syscallNumber } from '../linux/syscalls/index.js';
import { compile } from '../../enforcer/bpf/compile.js';
import { encodeProgram } from '../../enforcer/bpf/types.js';

export interface RecordingFilter {
  /** The filter the child attaches (with SECCOMP_FILTER_FLAG_NEW_LISTENER). */
  readonly program: Uint8Array;
  /** The base as compiled: what the recorder answers. */
  readonly oracle: Uint8Array;
  /** [auditArch, nr, argMask] triples for the recorder. */
  readonly capture: Uint32Array;
  readonly instructions: number;
}

/** Arguments worth keeping even where the base has no condition on them: they say what the call was for. */
export const ALWAYS_CAPTURED: Readonly<Record<string, number>> = { clone: 0, unshare: 0, socket: 0, personality: 0, ioctl: 1 };

const NOTIFIED = new Set<Action['kind']>(['allow', 'log', 'errno']);
const notify = (action: Action): Action => (NOTIFIED.has(action.kind) ? { kind: 'notify' } : action);

function recordingTable(table: DecisionTable): DecisionTable {
  return {
    ...table,
    flags: [],
    arches: table.arches.map((t): ArchTable => ({
      ...t,
      defaultAction: notify(t.defaultAction),
      syscalls: t.syscalls.map((s) => ({ ...s, rules: s.rules.map((r) => ({ ...r, action: notify(r.action) })) })),
    })),
  };
}

/** Per (arch, nr): the argument indexes the base conditions on, plus ALWAYS_CAPTURED. */
export function captureList(table: DecisionTable): Uint32Array {
  const masks = new Map<string, [number, number, number]>();
  const add = (arch: Arch, nr: number, index: number) => {
    const key = `${arch}:${nr}`;
    const entry = masks.get(key) ?? [AUDIT_ARCH[arch], nr, 0];
    entry[2] |= 1 << index;
    masks.set(key, entry);
  };
  for (const t of table.arches) {
    for (const s of t.syscalls) for (const rule of s.rules) for (const c of rule.when) add(t.arch, s.nr, c.index);
    for (const [name, index] of Object.entries(ALWAYS_CAPTURED)) {
      const nr = syscallNumber(t.arch, name);
      if (nr !== undefined) add(t.arch, nr, index);
    }
  }
  return Uint32Array.from([...masks.values()].flat().map((v) => v >>> 0));
}

export function recordingFilter(table: DecisionTable): RecordingFilter {
  const recording = compile(recordingTable(table));
  return {
    program: new Uint8Array(encodeProgram(recording)),
    oracle: new Uint8Array(encodeProgram(compile(table))),
    capture: captureList(table),
    instructions: recording.length,
  };
}

/**
 * One compiled program as it is stored (shipped in dist/bpf/index.json or in
 * the user's cache): the program and what `run` prints about it. An entry is
 * trusted only when its length and SHA-256 match the program it carries.
 */
import { BPF_MAXINSNS } from '../../../enforcer/bpf/types.js';
import { nodeSha256 } from './sha256.js';
import type { Sha256 } from './sha256.js';

export interface ProgramStats {
  readonly instructions: number;
  readonly arches: readonly string[];
  readonly rules: number;
  readonly defaultAction: string;
}

export interface StoredProgram {
  readonly key: string;
  /** Filter flags the profile table asked for (checked again by the caller on every use). */
  readonly tableFlags: readonly string[];
  readonly stats: ProgramStats;
  readonly length: number;
  readonly sha256: string;
  /** base64 of the encoded sock_filter array. */
  readonly program: string;
}

export function storeProgram(key: string, program: Uint8Array, tableFlags: readonly string[], stats: ProgramStats, sha256: Sha256 = nodeSha256): StoredProgram {
  return { key, tableFlags: [...tableFlags], stats, length: program.length, sha256: sha256(program), program: Buffer.from(program).toString('base64') };
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** The program bytes of `value` when it is a well-formed entry for `key`; undefined otherwise. */
export function verifiedProgram(value: unknown, key: string, sha256: Sha256 = nodeSha256): { entry: StoredProgram; program: Uint8Array } | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const e = value as Partial<StoredProgram>;
  if (e.key !== key || typeof e.program !== 'string' || typeof e.sha256 !== 'string' || typeof e.length !== 'number') return undefined;
  if (!isStringArray(e.tableFlags) || e.stats === null || typeof e.stats !== 'object') return undefined;
  const s = e.stats as Partial<ProgramStats>;
  if (typeof s.instructions !== 'number' || !isStringArray(s.arches) || typeof s.rules !== 'number' || typeof s.defaultAction !== 'string') return undefined;
  const program = new Uint8Array(Buffer.from(e.program, 'base64'));
  if (program.length !== e.length || program.length === 0 || program.length % 8 !== 0 || program.length / 8 > BPF_MAXINSNS) return undefined;
  if (program.length / 8 !== s.instructions || sha256(program) !== e.sha256) return undefined;
  return { entry: e as StoredProgram, program };
}

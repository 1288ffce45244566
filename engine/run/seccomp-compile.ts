/**
 * Seccomp profile (OCI or Docker JSON) → decision table → BPF, for the
 * architecture caplint runs on and the capabilities the child keeps.
 */
import { CaplintError } from '../errors.js';
import type { SeccompFlag } from '../../enforcer/launch-plan.js';
import type { SeccompChoice } from './seccomp-source.js';

export interface CompileContext {
  /** Capabilities in the child's bounding set (Docker profiles gate rules on them). */
  readonly capabilities: readonly string[];
}

export interface ProfileText {
  readonly file: string | null;
  readonly text: string;
  readonly label: string;
}

export async function compileSeccompProfile(source: ProfileText, _flags: readonly SeccompFlag[], _context: CompileContext): Promise<SeccompChoice> {
  throw new CaplintError(`this build cannot compile seccomp profiles yet (${source.label}); pass --seccomp FILE.bpf or --seccomp unconfined`);
}

/**
 * The launch pre-check: the compiled filter must let through the exec call
 * the child makes (execve; the child never uses execveat, so a profile may
 * deny that one) on the architecture the child runs, or the child would die
 * (or fail) at its own exec with nothing to show for it. Run in caplint's
 * BPF emulator before anything is started; a filter that answers anything
 * but ALLOW or LOG refuses the launch (exit 125) and says what it answers.
 */
import { CaplintError } from '../errors.js';
import { syscallNumber } from '../linux/syscalls/index.js';
import { actionText } from '../seccomp/action-text.js';
import { AUDIT_ARCH } from '../seccomp/types.js';
import type { Arch } from '../seccomp/types.js';
import { emulator } from '../../enforcer/bpf/emulate.js';
import { decodeProgram } from '../../enforcer/bpf/types.js';

const EXEC_CALLS = ['execve'] as const;

/** Throws naming the call and the action when the program does not allow the child's exec call on `arch`. */
export function refuseUnlessExecAllowed(program: Uint8Array, arch: Arch, label: string): void {
  let run;
  try {
    run = emulator(decodeProgram(program));
  } catch (error) {
    throw new CaplintError(`${label} is not a filter the kernel would load (${error instanceof Error ? error.message : String(error)})`);
  }
  for (const name of EXEC_CALLS) {
    const nr = syscallNumber(arch, name);
    if (nr === undefined) continue;
    const { action } = run({ arch: AUDIT_ARCH[arch], nr, args: [] });
    if (action.kind === 'allow' || action.kind === 'log') continue;
    throw new CaplintError(`${label} returns ${actionText(action)} for ${name} on ${arch}, so the command could never start`);
  }
}

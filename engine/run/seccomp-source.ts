/**
 * The seccomp program for a launch: none ("unconfined"), raw BPF bytes
 * (a `.bpf` file, as `caplint seccomp compile --format bpf` writes), or a
 * seccomp profile (built-in name or OCI/Docker JSON) compiled for this machine.
 */
import { readUserFile, readUserText } from '../inputs/bounded-read.js';
import { CaplintError, describeFsError } from '../errors.js';
import { packagePath } from '../paths.js';
import { BPF_MAXINSNS } from '../../enforcer/bpf/types.js';
import type { SeccompFlag } from '../../enforcer/launch-plan.js';
import { compileSeccompProfile } from './seccomp-compile.js';
import { profileSource } from '../seccomp/profile/load.js';
import type { JsonDocument } from '../inputs/json-document.js';
import type { CompileContext } from './seccomp-compile.js';
import type { SeccompProfileSource } from '../model/subject.js';

export interface SeccompChoice {
  readonly program: Uint8Array;
  readonly flags: readonly SeccompFlag[];
  /** One line for --dry-run. */
  readonly summary: string;
  /** Where a compiled profile's program came from (absent for raw BPF). */
  readonly origin?: 'shipped' | 'cached' | 'compiled';
  /** Names no syscall table knows, kept by --accept-unknown-syscalls. */
  readonly unknownSyscalls?: readonly string[];
}

export function builtInSeccompPath(name: string): string {
  return packagePath('profiles', 'seccomp', `${name}.json`);
}

function readBpf(file: string, flags: readonly SeccompFlag[]): SeccompChoice {
  let bytes: Buffer;
  try {
    bytes = readUserFile(file);
  } catch (error) {
    throw new CaplintError(`cannot read the BPF program: ${describeFsError(error)}`, { file });
  }
  const count = bytes.length / 8;
  if (bytes.length === 0 || !Number.isInteger(count) || count > BPF_MAXINSNS)
    throw new CaplintError(`a BPF program is 1 to ${BPF_MAXINSNS} instructions of 8 bytes; this file has ${bytes.length} bytes`, { file });
  return { program: new Uint8Array(bytes), flags, summary: `${count} instructions of raw BPF from ${file}` };
}

/** `ref`: "unconfined", a built-in name, a `.bpf` file or a profile file (already resolved). */
export function loadSeccomp(ref: string, flags: readonly SeccompFlag[], context: CompileContext): SeccompChoice | null {
  if (ref === 'unconfined') {
    if (context.forbidden?.length) throw new CaplintError(`the profile forbids ${context.forbidden.join(', ')}, but the seccomp choice is "unconfined"`);
    return null;
  }
  if (ref.endsWith('.bpf')) return readBpf(ref, flags);
  const { file, text, label } = seccompProfileText(ref);
  // Parsed only when it is compiled: a program shipped or cached under the text's key is used as it is.
  return compileSeccompProfile({ text, parse: () => profileSource(file, text) }, label, flags, context);
}

/** A seccomp profile by built-in name or (resolved) path, read and parsed, with how to name it. */
export function seccompProfileSource(ref: string): { source: SeccompProfileSource; label: string } {
  const { file, text, label } = seccompProfileText(ref);
  return { source: profileSource(file, text), label };
}

/** A seccomp profile's file and text by built-in name or (resolved) path, with how to name it. */
function seccompProfileText(ref: string): { file: string; text: string; label: string } {
  const builtIn = /^[a-z0-9][a-z0-9-]*$/.test(ref);
  const file = builtIn ? builtInSeccompPath(ref) : ref;
  let text: string;
  try {
    text = readUserText(file);
  } catch (error) {
    if (builtIn) throw new CaplintError(`"${ref}" is not a built-in seccomp profile`);
    throw new CaplintError(`cannot read the seccomp profile: ${describeFsError(error)}`, { file });
  }
  return { file, text, label: builtIn ? `caplint's "${ref}" profile` : file };
}

/** An OCI config's inline linux.seccomp (always OCI form). */
export function loadInlineSeccomp(value: unknown, document: JsonDocument, flags: readonly SeccompFlag[], context: CompileContext): SeccompChoice {
  const source = { format: 'oci' as const, document: value, pointer: '/linux/seccomp', file: document.file, origin: document };
  return compileSeccompProfile(source, `${document.file} (linux.seccomp)`, flags, context);
}

/**
 * The identity of a compiled seccomp program: everything the compiler reads.
 * Two launches with equal keys get byte-identical programs, so a program
 * compiled once (at package build time, or on an earlier launch) can stand
 * in for a fresh compile. Kernel inputs enter only through the profile's own
 * `minKernel` conditions: which of them the running kernel meets.
 */
import type { Arch } from '../../seccomp/types.js';
import type { KernelVersion } from '../../seccomp/profile/model.js';
import { atLeast, parseMinKernel } from '../../seccomp/profile/kernel.js';
import { nodeSha256 } from './sha256.js';
import type { Sha256 } from './sha256.js';

export interface ProgramInputs {
  /** Identifies the compiler build (dist/bpf/index.json, written at package build). */
  readonly compilerId: string;
  readonly arch: Arch;
  /**
   * The profile: the text of its file as read (its format is told from the
   * text, so the text alone says what is compiled, and a reused program needs
   * no parse), or, for one inside another document, its format and value.
   */
  readonly profile: { readonly text: string } | { readonly format: 'oci' | 'docker'; readonly document: unknown };
  readonly capabilities: readonly string[];
  readonly forbidden: readonly string[];
  readonly flags: readonly string[];
  readonly kernel: KernelVersion | undefined;
}

/** `minKernel` thresholds written in the document, and whether this kernel meets each. */
export function kernelInputs(text: string, kernel: KernelVersion | undefined): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/"minKernel"\s*:\s*"([^"]*)"/g)) found.add(m[1]!);
  return [...found].sort().map((v) => {
    const min = parseMinKernel(v);
    return `${v}:${min && kernel ? atLeast(kernel, min) : 'unknown'}`;
  });
}

export function programKey(inputs: ProgramInputs, sha256: Sha256 = nodeSha256): string {
  const { profile } = inputs;
  const text = 'text' in profile ? profile.text : (JSON.stringify(profile.document) ?? 'null');
  const material = JSON.stringify({
    v: 3,
    compiler: inputs.compilerId,
    arch: inputs.arch,
    format: 'text' in profile ? 'file' : profile.format,
    kernel: kernelInputs(text, inputs.kernel),
    caps: [...inputs.capabilities].sort(),
    forbidden: [...inputs.forbidden].sort(),
    flags: [...inputs.flags].sort(),
    // The profile enters by its own digest, not as a second, escaped copy of its text (some 20 KB at every launch).
    document: sha256(text),
  });
  return sha256(material);
}

/**
 * Kernel versions for `minKernel`. moby accepts only "<major>.<minor>"
 * (profiles/seccomp: KernelVersion's JSON form) and compares it with the
 * running kernel's major and minor; the patch level never matters.
 */
import type { KernelVersion } from './model.js';

/** `"4.8"` → {4, 8}; undefined unless the text is exactly major.minor. */
export function parseMinKernel(text: string): KernelVersion | undefined {
  const m = /^(\d+)\.(\d+)$/.exec(text);
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
}

/** A running kernel's release as uname prints it: `6.1.0-13-amd64` → {6, 1}. */
export function parseKernelRelease(release: string): KernelVersion | undefined {
  const m = /^(\d+)\.(\d+)/.exec(release.trim());
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
}

export function atLeast(kernel: KernelVersion, min: KernelVersion): boolean {
  return kernel.major > min.major || (kernel.major === min.major && kernel.minor >= min.minor);
}

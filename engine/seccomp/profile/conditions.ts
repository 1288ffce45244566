/**
 * Which profile rules apply to a container, and the argument checks each
 * rule becomes.
 */
import type { ArgCompare } from '../types.js';
import type { KernelVersion, ProfileArg, ProfileRule } from './model.js';
import { atLeast } from './kernel.js';

export interface Context {
  /** libseccomp's short name of the native architecture ("amd64", "arm64", ...). */
  readonly nativeName: string;
  /** The bounding set the container gets, canonical CAP_* names. */
  readonly caps: ReadonlySet<string>;
  /** undefined: kernel not known, taken as new enough for every minKernel. */
  readonly kernel?: KernelVersion;
}

/**
 * moby (profiles/seccomp/seccomp_linux.go, setupSeccomp): excludes first,
 * then includes. `excludes.arches` skips the rule on a listed native arch;
 * `excludes.caps` skips it when *any* listed cap is in the bounding set;
 * `excludes.minKernel` skips it on a kernel at least that version.
 * `includes.arches` needs the native arch listed; `includes.caps` needs
 * *every* listed cap; `includes.minKernel` needs a kernel at least that
 * version. Arches are the host's, not each filter architecture's: on amd64
 * a rule that includes only "x86" is dropped for i386 callers too.
 */
export function ruleApplies(rule: ProfileRule, ctx: Context): boolean {
  const { includes: inc, excludes: exc } = rule;
  if (exc.arches.includes(ctx.nativeName)) return false;
  if (exc.caps.some((cap) => ctx.caps.has(cap))) return false;
  if (exc.minKernel && kernelAtLeast(ctx.kernel, exc.minKernel)) return false;
  if (inc.arches.length > 0 && !inc.arches.includes(ctx.nativeName)) return false;
  if (inc.caps.some((cap) => !ctx.caps.has(cap))) return false;
  if (inc.minKernel && !kernelAtLeast(ctx.kernel, inc.minKernel)) return false;
  return true;
}

function kernelAtLeast(kernel: KernelVersion | undefined, min: KernelVersion): boolean {
  return kernel === undefined || atLeast(kernel, min);
}

/**
 * runc (libcontainer/seccomp/seccomp_linux.go, matchCall): the args of one
 * entry form a single rule whose comparisons are ANDed, unless two of them
 * test the same argument index; then *every* comparison of the entry becomes
 * a rule of its own (ORed), including those on other indexes.
 */
export function argumentSets(args: readonly ProfileArg[]): ArgCompare[][] {
  const compares = args.map(({ index, op, value, valueTwo }) => ({ index, op, value, valueTwo }));
  if (compares.length === 0) return [[]];
  const indexes = new Set(compares.map((c) => c.index));
  return indexes.size < compares.length ? compares.map((c) => [c]) : [compares];
}

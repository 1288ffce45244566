/**
 * Resolves a Profile for one native architecture, capability bounding set
 * and kernel into the DecisionTable the BPF compiler and the audit consume.
 * Follows runc (libcontainer/seccomp/seccomp_linux.go) and moby
 * (profiles/seccomp/seccomp_linux.go); each step names its source.
 */
import type { Action, Arch, ArchTable, DecisionTable, SyscallRule } from '../types.js';
import type { KernelVersion, Profile, ProfileRule } from './model.js';
import { highestSyscallNumber } from '../../linux/syscalls/index.js';
import { targetsOf } from './x86-multiplex.js';
import { RUNTIME_DEFAULT_CAPS } from '../../linux/capabilities.js';
import { sameAction } from './actions.js';
import { filterArches } from './filter-arches.js';
import { ruleApplies, argumentSets } from './conditions.js';

export interface ResolveOptions {
  /** The native (host) architecture; x86_64 when not given. */
  readonly arch?: Arch;
  /** Bounding set the container gets (CAP_* names); Docker's default 14 when not given. */
  readonly caps?: readonly string[];
  /** Kernel version; when not given every minKernel is taken as met. */
  readonly kernel?: KernelVersion;
}

/** libseccomp's default SCMP_FLTATR_ACT_BADARCH is KILL (thread); runc does not change it. */
const BAD_ARCH_ACTION: Action = { kind: 'kill_thread' };

interface Pending { name: string; conditional: SyscallRule[]; unconditional?: SyscallRule }

/** The rules that take part in the filter, in profile order. */
export function effectiveRules(profile: Profile, options: ResolveOptions = {}): ProfileRule[] {
  const { nativeName } = filterArches(profile, options.arch ?? 'x86_64');
  const ctx = { nativeName, caps: new Set(options.caps ?? RUNTIME_DEFAULT_CAPS), ...(options.kernel ? { kernel: options.kernel } : {}) };
  // runc: a rule whose action (with its errno) equals the default is redundant and skipped.
  return profile.rules.filter((rule) => ruleApplies(rule, ctx) && !sameAction(rule.action, profile.defaultAction));
}

export function resolveProfile(profile: Profile, options: ResolveOptions = {}): DecisionTable {
  const { arches } = filterArches(profile, options.arch ?? 'x86_64');
  const perArch = new Map<Arch, Map<number, Pending>>(arches.map((a) => [a, new Map()]));
  for (const rule of effectiveRules(profile, options)) {
    const sets = argumentSets(rule.args);
    for (const { name } of rule.names) {
      for (const arch of arches) {
        // A name missing from one architecture's table lands nowhere there (libseccomp skips it per arch).
        for (const target of targetsOf(arch, name)) {
          const table = perArch.get(arch)!;
          const entry = table.get(target.nr) ?? { name: target.name, conditional: [] };
          table.set(target.nr, entry);
          for (const when of sets.map(target.rewrite)) {
            if (when.length > 0) entry.conditional.push({ when, action: rule.action });
            else entry.unconditional ??= { when, action: rule.action };
          }
        }
      }
    }
  }
  return {
    arches: arches.map((arch) => archTable(arch, profile.defaultAction, perArch.get(arch)!)),
    badArchAction: BAD_ARCH_ACTION,
    flags: filterFlags(profile),
    ...(profile.listenerPath ? { listenerPath: profile.listenerPath } : {}),
  };
}

/**
 * Several rules for one syscall, as libseccomp's filter database merges them
 * (src/db.c, adding a rule): an unconditional rule replaces every argument
 * rule the syscall had, and once a syscall has one, later rules for it are
 * dropped. So the first unconditional rule alone decides; otherwise the
 * argument rules stay, decided in profile order where they overlap (libseccomp
 * merges overlapping trees; profile order is caplint's reading of that case).
 */
function archTable(arch: Arch, defaultAction: Action, entries: Map<number, Pending>): ArchTable {
  const syscalls = [...entries]
    .sort(([a], [b]) => a - b)
    .map(([nr, e]) => ({ name: e.name, nr, rules: e.unconditional ? [e.unconditional] : e.conditional }))
    .filter((e) => e.rules.length > 0);
  return { arch, defaultAction, syscalls, highestKnownNr: highestSyscallNumber(arch) };
}

/**
 * Filter flags without the SECCOMP_FILTER_FLAG_ prefix. runc adds
 * NEW_LISTENER when any rule notifies (patchbpf, filterFlags); TSYNC is what
 * libseccomp-golang sets anyway.
 */
function filterFlags(profile: Profile): string[] {
  const flags = profile.flags.map((f) => f.replace(/^SECCOMP_FILTER_FLAG_/, ''));
  if (profile.rules.some((r) => r.action.kind === 'notify') && !flags.includes('NEW_LISTENER')) flags.push('NEW_LISTENER');
  return flags;
}

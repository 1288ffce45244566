/** The seccomp profile model: read, resolve, load. */
export type { Profile, ProfileRule, ProfileArg, RuleFilter, KernelVersion, ArchMapEntry } from './model.js';
export { readProfile, FILTER_FLAGS } from './read.js';
export { resolveProfile, effectiveRules } from './resolve.js';
export type { ResolveOptions } from './resolve.js';
export { loadProfile, profileSource, detectFormat } from './load.js';
export { parseKernelRelease, parseMinKernel } from './kernel.js';
export { sameAction, describeAction } from './actions.js';
export { builtinProfile, isBuiltinProfile, BUILTIN_PROFILES } from './builtin.js';
export type { BuiltinProfileName } from './builtin.js';

/** --cap-add / --cap-drop as Docker applies them: drops first (ALL clears), then adds (ALL grants all). */
import { UsageError } from '../errors.js';
import { allCapabilities, isAllKeyword, normaliseCapability, sortCapabilities } from '../linux/capabilities.js';
import { didYouMean } from '../linux/suggest.js';
import type { CapSetName } from '../model/subject.js';
import type { CapabilityIntent } from './decide-plan.js';

function canonical(flag: string, written: string): string[] {
  if (isAllKeyword(written)) return allCapabilities();
  const name = normaliseCapability(written);
  if (name) return [name];
  const hint = didYouMean(written.toUpperCase().startsWith('CAP_') ? written.toUpperCase() : `CAP_${written.toUpperCase()}`, allCapabilities());
  throw new UsageError(`--${flag} "${written}" is not a capability${hint ? ` (did you mean ${hint}?)` : ''}`);
}

export function applyCapabilityFlags(base: CapabilityIntent, add: readonly string[], drop: readonly string[]): CapabilityIntent {
  const dropped = new Set(drop.flatMap((w) => canonical('cap-drop', w)));
  const added = add.flatMap((w) => canonical('cap-add', w));
  const apply = (set: CapSetName, grows: boolean): string[] => {
    const kept = base[set].filter((name) => !dropped.has(name));
    return sortCapabilities(grows ? [...kept, ...added] : kept);
  };
  return {
    bounding: apply('bounding', true),
    permitted: apply('permitted', true),
    effective: apply('effective', true),
    inheritable: apply('inheritable', false),
    ambient: apply('ambient', false),
  };
}

/** Shape checks shared by the profile reader, each failing at the value's place. */
import type { SeccompProfileSource } from '../../model/subject.js';
import { join } from '../../model/pointer.js';
import { errorAt, describe } from './place.js';

export function objectAt(source: SeccompProfileSource, at: string, value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw errorAt(source, at, `${what} must be an object, not ${describe(value)}`);
  return value as Record<string, unknown>;
}

/** A list of strings; absent or null is empty (Go decodes null into a nil slice). */
export function stringList(source: SeccompProfileSource, at: string, value: unknown, what: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw errorAt(source, at, `'${what}' must be an array of strings, not ${describe(value)}`);
  return value.map((item, i) => {
    if (typeof item !== 'string') throw errorAt(source, join(at, i), `'${what}' must hold strings, not ${describe(item)}`);
    return item;
  });
}

export function optionalString(source: SeccompProfileSource, at: string, value: unknown, what: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw errorAt(source, at, `'${what}' must be a string, not ${describe(value)}`);
  return value;
}

/**
 * Profiles: one file format for `caplint run --profile` and `caplint audit
 * --policy`. A built-in name (profiles/NAME.json) or a file; validated by the
 * precompiled schema validator (user files) with errors at file:line:column;
 * `extends` followed with cycles refused. Fields: the nearest profile in the
 * chain that sets one wins; rule settings accumulate from the root down.
 */
import { existsSync, readdirSync } from 'node:fs';
import { readUserText } from '../inputs/bounded-read.js';
import { dirname, resolve } from 'node:path';
import type { ErrorObject } from 'ajv';
import { CaplintError, describeFsError } from '../errors.js';
import { parseJson } from '../inputs/json-document.js';
import type { JsonDocument } from '../inputs/json-document.js';
import { describeSchemaError, errorPointer } from '../inputs/schema-errors.js';
import { packagePath } from '../paths.js';
import { hint } from '../linux/suggest.js';
import type { Profile } from './profile.gen.js';
import { validate } from './validate.gen.js';

/** One rule setting with the place that wrote it. */
export interface PlacedSetting {
  readonly key: string;
  readonly value: NonNullable<Profile['rules']>[string];
  readonly file: string;
  readonly line: number | null;
  readonly column: number | null;
}

export interface ResolvedProfile {
  readonly name: string;
  readonly title: string;
  readonly file: string;
  readonly builtIn: boolean;
  /** Names/files from this profile up to the root. */
  readonly chain: readonly string[];
  /** Fields, nearest first wins (`rules` and `extends` excluded). */
  readonly fields: Omit<Profile, 'rules' | 'extends' | '$schema'>;
  /** Rule settings from the root ancestor down to this profile, in order. */
  readonly settings: readonly PlacedSetting[];
  /** Where a field (or, with `path`, a value inside it) was set, for errors about its value. */
  place(field: string, ...path: readonly (string | number)[]): { file: string; line: number | null; column: number | null };
}

const BUILT_IN = /^[a-z0-9][a-z0-9-]*$/;

/** The built-in profiles: every profiles/NAME.json. */
export function builtInProfileNames(): string[] {
  const names = readdirSync(packagePath('profiles')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));
  const first = ['default', 'restricted'];
  return [...first.filter((n) => names.includes(n)), ...names.filter((n) => !first.includes(n)).sort()];
}

export function builtInProfilePath(name: string): string | undefined {
  if (!BUILT_IN.test(name)) return undefined;
  const path = packagePath('profiles', `${name}.json`);
  return existsSync(path) ? path : undefined;
}

/** A name or a file, as given on the command line or in `extends` (relative to `base`). */
export function loadProfile(spec: string, base: string): ResolvedProfile {
  return resolveChain(spec, base, []);
}

function locate(spec: string, base: string): { file: string; builtIn: boolean } {
  const builtIn = builtInProfilePath(spec);
  if (builtIn) return { file: builtIn, builtIn: true };
  const file = resolve(base, spec);
  if (!existsSync(file)) {
    const names = builtInProfileNames();
    throw new CaplintError(`"${spec}" is neither a built-in profile (${names.join(', ')}) nor a file${hint(spec, names)}`);
  }
  return { file, builtIn: false };
}

function readDocument(file: string, builtIn: boolean): { doc: JsonDocument; profile: Profile } {
  let text: string;
  try {
    text = readUserText(file);
  } catch (error) {
    throw new CaplintError(`cannot read the profile: ${describeFsError(error)}`, { file });
  }
  const doc = parseJson(file, text);
  // Built-in profiles are package data that a test validates against the schema.
  if (!builtIn && !validate(doc.value)) {
    const error = (validate as unknown as { errors: ErrorObject[] }).errors[0]!;
    const span = doc.span(errorPointer(error));
    throw new CaplintError(`not a valid caplint profile: ${describeSchemaError(error)}`, { file, line: span?.line ?? 1, column: span?.column ?? 1 });
  }
  return { doc, profile: doc.value as Profile };
}

/** The profile `extends` names; a problem finding it is placed at this file's "extends". */
function resolveParent(spec: string, file: string, doc: JsonDocument, seen: readonly string[]): ResolvedProfile {
  try {
    return resolveChain(spec, dirname(file), [...seen, file]);
  } catch (error) {
    if (!(error instanceof CaplintError) || error.place?.line != null) throw error;
    const span = doc.span('/extends');
    throw new CaplintError(error.message, { file, line: span?.line ?? 1, column: span?.column ?? 1 });
  }
}

function resolveChain(spec: string, base: string, seen: readonly string[]): ResolvedProfile {
  const { file, builtIn } = locate(spec, base);
  if (seen.includes(file)) throw new CaplintError(`"extends" goes around in a circle: ${[...seen, file].join(' → ')}`, { file });
  const { doc, profile } = readDocument(file, builtIn);
  const parent = profile.extends === undefined ? undefined : resolveParent(profile.extends, file, doc, seen);
  const own: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(profile)) {
    if (key === 'rules' || key === 'extends' || key === '$schema') continue;
    own[key] = key === 'seccomp' && typeof value === 'string' && value !== 'unconfined' && !BUILT_IN.test(value) ? resolve(dirname(file), value) : value;
  }
  const place = (pointer: string) => {
    const span = doc.span(pointer);
    return { file, line: span?.line ?? null, column: span?.column ?? null };
  };
  const settings: PlacedSetting[] = Object.entries(profile.rules ?? {}).map(([key, value]) => ({ key, value, ...place(`/rules/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`) }));
  return {
    name: profile.name ?? spec,
    title: profile.title ?? profile.name ?? spec,
    file,
    builtIn,
    chain: [spec, ...(parent?.chain ?? [])],
    fields: { ...(parent?.fields ?? {}), ...own },
    settings: [...(parent?.settings ?? []), ...settings],
    place: (field, ...path) =>
      Object.hasOwn(own, field)
        ? place(['', field, ...path].map((t) => String(t).replace(/~/g, '~0').replace(/\//g, '~1')).join('/'))
        : parent?.place(field, ...path) ?? { file, line: null, column: null },
  };
}

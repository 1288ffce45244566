/**
 * Loading a profile for `caplint run`: a built-in name (profiles/NAME.json)
 * or a file, checked against profiles/schemas/profile.schema.json, with
 * `extends` resolved (the child's fields replace the parent's).
 */
import { readFileSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { CaplintError, describeFsError } from '../errors.js';
import { parseJson } from '../inputs/json-document.js';
import { packagePath } from '../paths.js';
import type { SeccompFlag } from '../../enforcer/launch-plan.js';

export interface RunProfile {
  /** The name given, or the file. */
  readonly name: string;
  readonly builtIn: boolean;
  readonly file: string;
  readonly allow: readonly string[];
  readonly noNewPrivileges: boolean;
  /** "unconfined", a built-in seccomp profile name, or a path already resolved against the file that named it. */
  readonly seccomp: string;
  readonly seccompFlags: readonly SeccompFlag[];
}

interface ProfileDocument {
  extends?: string;
  capabilities?: { allow: string[] };
  noNewPrivileges?: boolean;
  seccomp?: string;
  seccompFlags?: SeccompFlag[];
}

let validator: ValidateFunction | undefined;

export function validate(): ValidateFunction {
  if (validator) return validator;
  const schema = JSON.parse(readFileSync(packagePath('profiles', 'schemas', 'profile.schema.json'), 'utf8')) as object;
  const { Ajv } = createRequire(import.meta.url)('ajv') as typeof import('ajv'); // loaded only for user profiles
  validator = new Ajv({ allErrors: false, strict: false }).compile(schema);
  return validator;
}

const BUILT_IN = /^[a-z0-9][a-z0-9-]*$/;

export function builtInProfilePath(name: string): string | undefined {
  if (!BUILT_IN.test(name)) return undefined;
  const path = packagePath('profiles', `${name}.json`);
  return existsSync(path) ? path : undefined;
}

/** A built-in seccomp profile name stays a name; anything else is a path relative to `base`. */
function seccompRef(value: string, base: string): string {
  return value === 'unconfined' || BUILT_IN.test(value) ? value : resolve(base, value);
}

function schemaError(file: string, doc: ReturnType<typeof parseJson>, error: ErrorObject): CaplintError {
  const span = doc.span(error.instancePath);
  const where = error.instancePath === '' ? 'the profile' : `"${error.instancePath.slice(1).replaceAll('/', '.')}"`;
  const extra = error.keyword === 'additionalProperties' ? ` ("${(error.params as { additionalProperty: string }).additionalProperty}")` : '';
  return new CaplintError(`${where} ${error.message ?? 'is invalid'}${extra}`, { file, line: span?.line ?? 1, column: span?.column ?? 1 });
}

/** Built-in profiles are package data checked against the schema by a test; only other files are validated here (ajv costs ~100 ms to load). */
function readDocument(file: string, builtIn: boolean): ProfileDocument {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CaplintError(`cannot read the profile: ${describeFsError(error)}`, { file });
  }
  const doc = parseJson(file, text);
  if (builtIn) return doc.value as ProfileDocument;
  const check = validate();
  if (!check(doc.value)) throw schemaError(file, doc, check.errors![0]!);
  return doc.value as ProfileDocument;
}

function merged(file: string, builtIn: boolean, seen: readonly string[]): Required<Omit<ProfileDocument, 'extends'>> {
  if (seen.includes(file)) throw new CaplintError(`"extends" makes a cycle: ${[...seen, file].join(' → ')}`, { file });
  const doc = readDocument(file, builtIn);
  const parent = doc.extends === undefined ? undefined : builtInProfilePath(doc.extends);
  const base = doc.extends === undefined ? undefined : merged(parent ?? resolve(dirname(file), doc.extends), parent !== undefined, [...seen, file]);
  const own = {
    ...(doc.capabilities ? { capabilities: doc.capabilities } : {}),
    ...(doc.noNewPrivileges !== undefined ? { noNewPrivileges: doc.noNewPrivileges } : {}),
    ...(doc.seccomp !== undefined ? { seccomp: seccompRef(doc.seccomp, dirname(file)) } : {}),
    ...(doc.seccompFlags ? { seccompFlags: doc.seccompFlags } : {}),
  };
  return { capabilities: { allow: [] }, noNewPrivileges: true, seccomp: 'unconfined', seccompFlags: [], ...base, ...own };
}

export function loadRunProfile(spec: string, cwd: string): RunProfile {
  const builtIn = builtInProfilePath(spec);
  const file = builtIn ?? resolve(cwd, spec);
  if (!builtIn && !existsSync(file))
    throw new CaplintError(`--profile "${spec}" is neither a built-in profile (default, restricted) nor a file`);
  const p = merged(file, builtIn !== undefined, []);
  return { name: spec, builtIn: builtIn !== undefined, file, allow: p.capabilities.allow, noNewPrivileges: p.noNewPrivileges, seccomp: p.seccomp, seccompFlags: p.seccompFlags };
}

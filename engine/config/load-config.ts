/**
 * caplint.config.json: found by walking up from the working directory (or
 * named with --config), parsed with comments allowed, validated against its
 * schema; paths in it are resolved against the file's folder.
 */
import { existsSync } from 'node:fs';
import { readUserText } from '../inputs/bounded-read.js';
import { dirname, join, resolve } from 'node:path';
import type { ErrorObject } from 'ajv';
import { CaplintError, describeFsError } from '../errors.js';
import { parseJsonc } from '../inputs/jsonc-document.js';
import { describeSchemaError, errorPointer } from '../inputs/schema-errors.js';
import type { CaplintConfig } from './config.gen.js';
import { validate } from './validate.gen.js';
import { globToRegExp } from './glob.js';

export const CONFIG_NAME = 'caplint.config.json';

export interface LoadedConfig {
  readonly file: string;
  readonly dir: string;
  readonly config: CaplintConfig;
  readonly overrides: readonly { readonly globs: readonly RegExp[]; readonly rules: Readonly<Record<string, string>>; readonly pointer: string }[];
  /** Where a JSON pointer is in the file, for errors about values (unknown rule ids, ...). */
  place(pointer: string): { file: string; line: number | null; column: number | null };
}

export function findConfig(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const candidate = join(dir, CONFIG_NAME);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

export function loadConfig(file: string, cwd: string): LoadedConfig {
  const path = resolve(cwd, file);
  let text: string;
  try {
    text = readUserText(path);
  } catch (error) {
    throw new CaplintError(`cannot read the config file: ${describeFsError(error)}`, { file });
  }
  const document = parseJsonc(file, text);
  if (!validate(document.value)) {
    const error = (validate as unknown as { errors: ErrorObject[] }).errors[0]!;
    const span = document.span(errorPointer(error));
    throw new CaplintError(`not a valid caplint config: ${describeSchemaError(error)}`, { file, line: span?.line ?? 1, column: span?.column ?? 1 });
  }
  const config = document.value as CaplintConfig;
  const dir = dirname(path);
  return {
    file,
    dir,
    config: {
      ...config,
      ...(config.ruleFiles ? { ruleFiles: config.ruleFiles.map((f) => resolve(dir, f)) } : {}),
      ...(config.baseline ? { baseline: resolve(dir, config.baseline) } : {}),
      ...(config.reports ? { reports: config.reports.map((r) => (r.output ? { ...r, output: resolve(dir, r.output) } : r)) } : {}),
      ...(config.policy && /[/\\]|\.json$/.test(config.policy) ? { policy: resolve(dir, config.policy) } : {}),
    },
    overrides: (config.overrides ?? []).map((o, i) => ({ globs: o.files.map(globToRegExp), rules: o.rules ?? {}, pointer: `/overrides/${i}/rules` })),
    place(pointer) {
      const span = document.span(pointer);
      return { file, line: span?.line ?? null, column: span?.column ?? null };
    },
  };
}

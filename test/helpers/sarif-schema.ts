/** The official SARIF 2.1.0 schema, as shipped in @microsoft/sarif-multitool-linux, compiled with ajv (draft 2020-12). */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

export const MULTITOOL_DIR = dirname(createRequire(import.meta.url).resolve('@microsoft/sarif-multitool-linux/package.json'));

let compiled: ValidateFunction | undefined;

export function sarifValidator(): ValidateFunction {
  if (compiled) return compiled;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  compiled = ajv.compile(JSON.parse(readFileSync(join(MULTITOOL_DIR, 'sarif-2.1.0.json'), 'utf8')) as object);
  return compiled;
}

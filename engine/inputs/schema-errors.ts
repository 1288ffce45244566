/** Ajv errors as one sentence each, placed by their instance path. */
import type { ErrorObject } from 'ajv';
import type { InputError } from '../model/finding.js';
import type { SourceDocument } from '../model/located.js';
import { parsePointer } from '../model/pointer.js';

export function describeSchemaError(error: ErrorObject): string {
  const where = fieldName(error.instancePath);
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type':
      return `${where} must be ${article(String(p.type))}`;
    case 'required':
      return `${where === 'the document' ? 'the document' : where} is missing the required field "${String(p.missingProperty)}"`;
    case 'enum':
      return `${where} must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'minimum':
    case 'maximum':
      return `${where} must be ${error.keyword === 'minimum' ? 'at least' : 'at most'} ${String(p.limit)}`;
    case 'pattern':
      return `${where} must match ${String(p.pattern)}`;
    case 'additionalProperties':
      return `${where} has an unknown field "${String(p.additionalProperty)}"`;
    case 'minLength':
      return `${where} must not be empty`;
    case 'minItems':
      return `${where} must have at least ${String(p.limit)} item${p.limit === 1 ? '' : 's'}`;
    default:
      return `${where} ${error.message ?? 'is invalid'}`;
  }
}

/** Where an error is: the unknown field itself for additionalProperties, else the value. */
export function errorPointer(error: ErrorObject): string {
  const extra = (error.params as { additionalProperty?: string }).additionalProperty;
  return error.keyword === 'additionalProperties' && extra !== undefined ? `${error.instancePath}/${extra.replace(/~/g, '~0').replace(/\//g, '~1')}` : error.instancePath;
}

export function schemaInputError(document: SourceDocument, error: ErrorObject, what: string): InputError {
  const span = document.span(errorPointer(error));
  return {
    file: document.file,
    line: span?.line ?? null,
    column: span?.column ?? null,
    message: `not a valid ${what}: ${describeSchemaError(error)}`,
  };
}

/** `/linux/namespaces/2/type` → `linux.namespaces[2].type`. */
export function fieldName(pointer: string): string {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) return 'the document';
  return tokens.map((t, i) => (/^\d+$/.test(t) ? `[${t}]` : i === 0 ? t : `.${t}`)).join('');
}

function article(type: string): string {
  if (type === 'integer') return 'an integer';
  if (type === 'object') return 'an object';
  if (type === 'array') return 'an array';
  return `a ${type}`;
}

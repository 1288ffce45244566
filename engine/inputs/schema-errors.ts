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
    case 'minItems':
      return `${where} must have at least ${String(p.limit)} item${p.limit === 1 ? '' : 's'}`;
    default:
      return `${where} ${error.message ?? 'is invalid'}`;
  }
}

export function schemaInputError(document: SourceDocument, error: ErrorObject, what: string): InputError {
  const span = document.span(error.instancePath);
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

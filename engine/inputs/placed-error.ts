/** Input errors placed at a JSON pointer of a document, or at a parse error's own place. */
import type { InputError } from '../model/finding.js';
import type { SourceDocument } from '../model/located.js';
import { CaplintError } from '../errors.js';
import type { InputText } from './format.js';
import { parseJson } from './json-document.js';
import type { JsonDocument } from './json-document.js';

export function placedError(document: SourceDocument, pointer: string, message: string): InputError {
  const span = document.span(pointer);
  return { file: document.file, line: span?.line ?? null, column: span?.column ?? null, message };
}

/** The input as JSON, or the syntax error as an InputError. */
export function readJsonInput(input: InputText): { document: JsonDocument } | { error: InputError } {
  try {
    return { document: parseJson(input.file, input.text) };
  } catch (error) {
    if (!(error instanceof CaplintError)) throw error;
    return { error: { file: input.file, line: error.place?.line ?? null, column: error.place?.column ?? null, message: error.message } };
  }
}

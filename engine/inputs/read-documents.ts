/**
 * The documents of a YAML or JSON input, each with its value and a
 * SourceDocument, or its placed syntax error. JSON goes through the JSON
 * reader, so a JSON input never loads the YAML package.
 */
import type { InputText } from './format.js';
import type { InputError } from '../model/finding.js';
import type { SourceDocument } from '../model/located.js';
import { parseJson } from './json-document.js';
import { CaplintError } from '../errors.js';
import { parseYamlStream } from './yaml/yaml-document.js';

export type ReadDocument = { readonly value: unknown; readonly document: SourceDocument } | { readonly error: InputError };

export function looksLikeJson(text: string): boolean {
  const first = text.trimStart().charAt(0);
  return first === '{' || first === '[';
}

export function readDocuments(input: InputText): ReadDocument[] {
  if (looksLikeJson(input.text)) {
    try {
      const document = parseJson(input.file, input.text);
      return [{ value: document.value, document }];
    } catch (error) {
      if (!(error instanceof CaplintError)) throw error;
      // Not JSON after all (YAML flow style is a superset): let the YAML reader try.
    }
  }
  return parseYamlStream(input.file, input.text).map((doc) =>
    doc.error ? { error: { file: input.file, line: doc.error.line, column: doc.error.column, message: doc.error.message } } : { value: doc.value, document: doc.document });
}

/**
 * JSON with positions. Values come from JSON.parse (fast); a pointer is
 * placed in the text by a scan that skips to it (json-locate.ts) only when a
 * finding or an error needs a line, indexing each container it passes once.
 * jsonc-parser describes syntax errors.
 */
import { printParseErrorCode, visit } from 'jsonc-parser';
import type { ParseErrorCode } from 'jsonc-parser';
import type { RepeatedKey, SourceDocument, Span } from '../model/located.js';
import { parsePointer } from '../model/pointer.js';
import { CaplintError } from '../errors.js';
import { LineTable } from './text-position.js';
import { JsonLocator } from './json-locate.js';
import { MAX_DEPTH, scanJson } from './json-scan.js';
import type { RepeatedKey as ScannedKey } from './json-scan.js';

export class JsonDocument implements SourceDocument {
  private readonly lines: LineTable;
  /** Built on the first span: positions of the containers lookups pass through. */
  private locator: JsonLocator | undefined;
  readonly repeatedKeys: readonly RepeatedKey[];

  constructor(readonly file: string, readonly text: string, readonly value: unknown, repeated: readonly ScannedKey[] = []) {
    this.lines = new LineTable(text);
    this.repeatedKeys = repeated.map((r) => {
      const at = this.lines.position(r.offset);
      const end = this.lines.position(r.end);
      return { key: r.key, pointer: r.pointer, ...at, endLine: end.line, endColumn: end.column, firstLine: this.lines.position(r.first).line, objects: r.objects };
    });
  }

  position(offset: number): { line: number; column: number } {
    return this.lines.position(offset);
  }

  span(pointer: string): Span | undefined {
    const tokens = parsePointer(pointer);
    this.locator ??= new JsonLocator(this.text);
    const found = this.locator.locate(tokens);
    if (!found) return undefined;
    const from = this.lines.position(found.start);
    const to = this.lines.position(found.end);
    const at = found.depth === tokens.length ? pointer : tokens.slice(0, found.depth).map((t) => `/${t.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
    return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column, pointer: at };
  }
}

/** Parse JSON text; a syntax error becomes a CaplintError at its line and column. */
export function parseJson(file: string, text: string): JsonDocument {
  if (text.trim() === '') throw new CaplintError('the file is empty; expected a JSON document', { file, line: 1, column: 1 });
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Depth first: jsonc-parser, which places syntax errors, recurses; a scan that does not, refuses very deep text.
  const scan = scanJson(body);
  if (scan.tooDeep !== undefined) {
    throw new CaplintError(`nested more than ${MAX_DEPTH} levels deep; no container config needs that many, so caplint does not read further`, { file, ...new LineTable(body).position(scan.tooDeep) });
  }
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw syntaxError(file, body, error);
  }
  return new JsonDocument(file, body, value, scan.repeated);
}

function syntaxError(file: string, text: string, cause: unknown): CaplintError {
  let first: { error: ParseErrorCode; offset: number } | undefined;
  visit(text, {
    onError(error, offset) {
      first ??= { error, offset };
    },
  }, { allowTrailingComma: false, disallowComments: true });
  const lines = new LineTable(text);
  if (first) {
    const at = lines.position(first.offset);
    return new CaplintError(`not valid JSON: ${describeParseError(first.error)}`, { file, ...at });
  }
  const m = /position (\d+)/.exec(String((cause as Error)?.message));
  const at = m ? lines.position(Number(m[1])) : { line: 1, column: 1 };
  return new CaplintError(`not valid JSON: ${(cause as Error)?.message ?? cause}`, { file, ...at });
}

function describeParseError(code: ParseErrorCode): string {
  const words: Record<string, string> = {
    InvalidSymbol: 'unexpected character',
    InvalidNumberFormat: 'malformed number',
    PropertyNameExpected: 'expected a property name in double quotes',
    ValueExpected: 'expected a value',
    ColonExpected: 'expected ":"',
    CommaExpected: 'expected ","',
    CloseBraceExpected: 'expected "}"',
    CloseBracketExpected: 'expected "]"',
    EndOfFileExpected: 'unexpected text after the end of the document',
    InvalidCommentToken: 'comments are not allowed in JSON',
    UnexpectedEndOfComment: 'unterminated comment',
    UnexpectedEndOfString: 'unterminated string',
    UnexpectedEndOfNumber: 'unterminated number',
    InvalidUnicode: 'invalid unicode escape',
    InvalidEscapeCharacter: 'invalid escape character',
    InvalidCharacter: 'invalid character in string',
  };
  const name = printParseErrorCode(code);
  return words[name] ?? name;
}

/**
 * JSON with positions. Values come from JSON.parse (fast); the syntax tree
 * that places a pointer in the text is built only when a finding or an error
 * needs a line, once per document.
 */
import { parseTree, findNodeAtLocation, printParseErrorCode, visit } from 'jsonc-parser';
import type { Node as JsonNode, ParseErrorCode } from 'jsonc-parser';
import type { SourceDocument, Span } from '../model/located.js';
import { parsePointer } from '../model/pointer.js';
import { CaplintError } from '../errors.js';
import { LineTable } from './text-position.js';

export class JsonDocument implements SourceDocument {
  private tree: JsonNode | undefined;
  private readonly lines: LineTable;

  constructor(readonly file: string, readonly text: string, readonly value: unknown) {
    this.lines = new LineTable(text);
  }

  position(offset: number): { line: number; column: number } {
    return this.lines.position(offset);
  }

  release(): void {
    this.tree = undefined;
  }

  span(pointer: string): Span | undefined {
    this.tree ??= parseTree(this.text, [], { allowTrailingComma: false, disallowComments: true });
    if (!this.tree) return undefined;
    const path = parsePointer(pointer).map((t) => (/^\d+$/.test(t) ? Number(t) : t));
    for (let n = path.length; n >= 0; n--) {
      const node = findNodeAtLocation(this.tree, path.slice(0, n));
      if (!node) continue;
      // A property's value: start at its key, so the frame shows `"key": value`.
      const start = node.parent?.type === 'property' ? node.parent.offset : node.offset;
      const end = node.offset + node.length;
      const from = this.lines.position(start);
      const to = this.lines.position(end);
      const found = n === path.length ? pointer : '/' + path.slice(0, n).map(String).join('/');
      return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column, pointer: n === 0 ? '' : found };
    }
    return undefined;
  }
}

/** Parse JSON text; a syntax error becomes a CaplintError at its line and column. */
export function parseJson(file: string, text: string): JsonDocument {
  if (text.trim() === '') throw new CaplintError('the file is empty; expected a JSON document', { file, line: 1, column: 1 });
  try {
    return new JsonDocument(file, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text));
  } catch (error) {
    throw syntaxError(file, text, error);
  }
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

/** JSON with comments (caplint's own config files), with positions from jsonc-parser's tree. */
import { findNodeAtLocation, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Node as JsonNode, ParseError } from 'jsonc-parser';
import type { SourceDocument, Span } from '../model/located.js';
import { parsePointer } from '../model/pointer.js';
import { CaplintError } from '../errors.js';
import { LineTable } from './text-position.js';

export class JsoncDocument implements SourceDocument {
  private readonly lines: LineTable;
  constructor(readonly file: string, readonly text: string, readonly value: unknown, private readonly tree: JsonNode) {
    this.lines = new LineTable(text);
  }

  span(pointer: string): Span | undefined {
    const path = parsePointer(pointer).map((t) => (/^\d+$/.test(t) ? Number(t) : t));
    for (let n = path.length; n >= 0; n--) {
      const node = findNodeAtLocation(this.tree, path.slice(0, n));
      if (!node) continue;
      const from = this.lines.position(node.parent?.type === 'property' ? node.parent.offset : node.offset);
      const to = this.lines.position(node.offset + node.length);
      return { ...from, endLine: to.line, endColumn: to.column, pointer: '/' + path.slice(0, n).join('/') };
    }
    return undefined;
  }
}

export function parseJsonc(file: string, text: string): JsoncDocument {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const first = errors[0];
  if (first || !tree) {
    const at = new LineTable(text).position(first?.offset ?? 0);
    const what = first ? printParseErrorCode(first.error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase() : 'the file is empty';
    throw new CaplintError(`not valid JSON: ${what}`, { file, ...at });
  }
  const value = nodeValue(tree);
  return new JsoncDocument(file, text, value, tree);
}

function nodeValue(node: JsonNode): unknown {
  switch (node.type) {
    case 'object':
      return Object.fromEntries((node.children ?? []).map((p) => [p.children![0]!.value as string, p.children![1] ? nodeValue(p.children![1]) : undefined]));
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}

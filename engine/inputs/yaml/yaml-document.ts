/**
 * YAML with positions: one SourceDocument per document of a multi-document
 * stream. Values come from the yaml package's AST (toJS); a pointer is placed
 * by walking the same AST, following aliases and `<<` merge keys, so a field
 * set through an anchor points at the text that set it.
 */
import type { Document, Node as YamlNode, Pair } from 'yaml';
import type { RepeatedKey, SourceDocument, Span } from '../../model/located.js';
import { parsePointer, pointerOf } from '../../model/pointer.js';
import { LineTable } from '../text-position.js';
import { repeatedYamlKeys } from './yaml-repeated.js';
import { yamlValue } from './yaml-value.js';
import { parseBoundedStream } from './yaml-bounded.js';

type Yaml = typeof import('yaml');
let Y: Yaml | undefined;

/**
 * Load the yaml package; the YAML formats' loaders call this before their
 * first use, so auditing JSON never loads it (it stays out of the CLI bundle
 * and is imported from node_modules on demand).
 */
export async function loadYaml(): Promise<void> {
  Y ??= await import('yaml');
}

function yaml(): Yaml {
  if (!Y) throw new Error('the yaml package is not loaded: call loadYaml() first');
  return Y;
}

export interface ParsedYaml {
  readonly document: YamlDocument;
  readonly value: unknown;
  /** The first syntax error of this document, placed. */
  readonly error?: { readonly line: number; readonly column: number; readonly message: string };
}

export class YamlDocument implements SourceDocument {
  /** Resolving an alias walks the whole document: once per alias is enough. */
  private readonly aliases = new Map<unknown, unknown>();
  private anchorMap: Map<string, unknown> | undefined;
  private indexes = new WeakMap<readonly Pair[], Map<string, Pair>>();
  repeatedKeys: readonly RepeatedKey[] = [];

  constructor(
    readonly file: string,
    readonly text: string,
    private readonly doc: Document.Parsed,
    private readonly lines: LineTable,
  ) {}

  span(pointer: string): Span | undefined {
    const tokens = parsePointer(pointer);
    let node: unknown = this.doc.contents;
    let range: readonly number[] | undefined = (node as YamlNode | null)?.range ?? undefined;
    let found = 0;
    for (const token of tokens) {
      const next = this.child(node, token);
      if (!next) break;
      node = next.value;
      range = next.range;
      found++;
    }
    if (!range) return undefined;
    const from = this.lines.position(range[0]!);
    const to = this.lines.position(range[1]!);
    return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column, pointer: found === tokens.length ? pointer : pointerOf(...tokens.slice(0, found)) };
  }

  /** The child at `token`, and the range from its key (for a map entry) to the end of its value. */
  private child(node: unknown, token: string): { value: unknown; range: readonly number[] } | undefined {
    const target = this.deref(node);
    if (yaml().isSeq(target)) {
      const item = /^\d+$/.test(token) ? target.items[Number(token)] : undefined;
      const r = (item as YamlNode | undefined)?.range;
      return item && r ? { value: item, range: [r[0], r[1]] } : undefined;
    }
    if (!yaml().isMap(target)) return undefined;
    const pair = this.findPair(target.items as Pair[], token, 0);
    if (!pair) return undefined;
    const key = pair.key as YamlNode | null;
    const value = pair.value as YamlNode | null;
    const start = key?.range?.[0] ?? value?.range?.[0];
    const end = value?.range?.[1] ?? key?.range?.[1];
    return start === undefined || end === undefined ? undefined : { value, range: [start, end] };
  }

  private findPair(items: readonly Pair[], token: string, depth: number): Pair | undefined {
    const own = this.keyIndex(items).get(token);
    if (own) return own;
    if (depth > 8) return undefined;
    // `<<: *base` or `<<: [*a, *b]`: look in the merged maps.
    for (const pair of items) {
      if (!yaml().isPair(pair) || !yaml().isScalar(pair.key) || (pair.key.value !== '<<' && typeof pair.key.value !== 'symbol')) continue;
      const sources = yaml().isSeq(pair.value) ? pair.value.items : [pair.value];
      for (const source of sources) {
        const map = this.deref(source);
        if (yaml().isMap(map)) {
          const hit = this.findPair(map.items as Pair[], token, depth + 1);
          if (hit) return hit;
        }
      }
    }
    return undefined;
  }

  /** A map's pairs by key (the first of a repeated key), built once per map: a lookup per finding stays O(1) in wide maps. */
  private keyIndex(items: readonly Pair[]): Map<string, Pair> {
    let index = this.indexes.get(items);
    if (!index) {
      index = new Map();
      for (const pair of items) {
        if (!yaml().isPair(pair) || !yaml().isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        if (!index.has(key)) index.set(key, pair);
      }
      this.indexes.set(items, index);
    }
    return index;
  }

  private deref(node: unknown): unknown {
    if (!yaml().isAlias(node)) return node;
    if (!this.aliases.has(node)) this.aliases.set(node, this.anchors().get(node.source) ?? node.resolve(this.doc));
    return this.aliases.get(node);
  }

  /** Anchored nodes by name, found in one walk; a name defined twice is left to the yaml package's own lookup. */
  private anchors(): Map<string, unknown> {
    if (this.anchorMap) return this.anchorMap;
    const map = new Map<string, unknown>();
    const twice = new Set<string>();
    yaml().visit(this.doc, {
      Node: (_, n) => {
        if (!n.anchor) return;
        if (map.has(n.anchor)) twice.add(n.anchor);
        map.set(n.anchor, n);
      },
    });
    for (const name of twice) map.delete(name);
    this.anchorMap = map;
    return map;
  }
}

/** Every document of a YAML stream, each with its value or its first syntax error. */
export function parseYamlStream(file: string, text: string): ParsedYaml[] {
  const lines = new LineTable(text);
  const { docs, refused } = parseBoundedStream(yaml(), text, { prettyErrors: false, uniqueKeys: false, merge: true });
  const refusalOf = (i: number) => refused.find((r) => r.offset >= (docs[i]!.range?.[0] ?? 0) && (i + 1 >= docs.length || r.offset < (docs[i + 1]!.range?.[0] ?? Infinity)));
  return docs.map((doc, i) => {
    const document = new YamlDocument(file, text, doc, lines);
    const refusal = refusalOf(i);
    if (refusal) return { document, value: undefined, error: { ...lines.position(refusal.offset), message: `not valid YAML: ${refusal.message}` } };
    const first = doc.errors[0];
    if (first) {
      const at = lines.position(first.pos[0]);
      const said = first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      return { document, value: undefined, error: { ...at, message: `not valid YAML: ${/call stack/.test(said) ? 'nested too deeply for caplint to read' : said}` } };
    }
    const read = yamlValue(yaml(), doc, lines);
    if ('error' in read) return { document, value: undefined, error: { ...read.error, message: `not valid YAML: ${read.error.message}` } };
    document.repeatedKeys = repeatedYamlKeys(yaml(), doc, lines);
    return { document, value: read.value };
  });
}

/**
 * parseAllDocuments with a bound: a document with a collection longer than
 * MAX_COLLECTION_ITEMS, or more than MAX_DOCUMENT_NODES nodes, is refused
 * while it is being parsed, so a million-item list costs a lexer pass, not
 * a minute and gigabytes. The rest of that document is lexed but not
 * parsed; the documents after it are read as usual.
 *
 * Both bounds are far above real manifests: the API server refuses request
 * bodies over 3 MiB and etcd objects over 1.5 MiB, and the largest
 * manifests in use (CRDs with full OpenAPI schemas) hold a few tens of
 * thousands of nodes, with no list near 100,000 items.
 */
import type { Document } from 'yaml';

type Yaml = typeof import('yaml');

/** Items of one sequence or mapping. */
export const MAX_COLLECTION_ITEMS = 100_000;
/** Scalars and aliases of one document. */
export const MAX_DOCUMENT_NODES = 1_000_000;

export interface RefusedDocument {
  /** Where the refused document's oversized part starts. */
  readonly offset: number;
  readonly message: string;
}

export interface BoundedStream {
  readonly docs: Document.Parsed[];
  /** Refusals, in stream order; each belongs to the last document that starts at or before its offset. */
  readonly refused: readonly RefusedDocument[];
}

/** Lexer tokens that take no room in the text. */
const CONTROL = new Set(['\x02', '\x18', '\x1f']);
/** Tokens that end a document: a refused one is skipped up to the next of these. */
const BOUNDARY = new Set(['doc-start', 'doc-end', 'doc-mode']);
/** Tokens that are one value each ('scalar' is the marker before a plain or block scalar's text). */
const VALUE = new Set(['scalar', 'alias', 'single-quoted-scalar', 'double-quoted-scalar']);

interface Collection { readonly offset: number; readonly items?: readonly unknown[] }

export interface Bounds {
  readonly items: number;
  readonly nodes: number;
}

const BOUNDS: Bounds = { items: MAX_COLLECTION_ITEMS, nodes: MAX_DOCUMENT_NODES };

export function parseBoundedStream(Y: Yaml, text: string, options: Parameters<Yaml['parseAllDocuments']>[1], bounds: Bounds = BOUNDS): BoundedStream {
  const parser = new Y.Parser();
  const composer = new Y.Composer(options);
  const refused: RefusedDocument[] = [];
  function* tokens() {
    let nodes = 0;
    let skipping = false;
    let scalarBody = false;
    for (const lexeme of new Y.Lexer().lex(text)) {
      if (scalarBody) {
        // The text of a scalar after its marker: never a boundary, whatever it says.
        scalarBody = false;
        if (skipping) parser.offset += lexeme.length;
        else yield* parser.next(lexeme);
        continue;
      }
      const type = Y.CST.tokenType(lexeme);
      if (type && BOUNDARY.has(type)) {
        nodes = 0;
        skipping = false;
      }
      if (type && VALUE.has(type)) nodes++;
      scalarBody = lexeme === '\x1f';
      if (skipping) {
        if (!CONTROL.has(lexeme)) parser.offset += lexeme.length;
        continue;
      }
      yield* parser.next(lexeme);
      if (scalarBody) continue;
      const top = parser.stack.at(-1) as Collection | undefined;
      const items = top?.items?.length ?? 0;
      if (items <= bounds.items && nodes <= bounds.nodes) continue;
      refused.push(items > bounds.items
        ? { offset: top!.offset, message: `a list or map of more than ${bounds.items.toLocaleString('en-US')} items starts here, more than caplint reads in one document` }
        : { offset: parser.offset, message: `the document holds more than ${bounds.nodes.toLocaleString('en-US')} values, more than caplint reads in one document` });
      skipping = true;
    }
    yield* parser.end();
  }
  return { docs: [...composer.compose(tokens())], refused };
}

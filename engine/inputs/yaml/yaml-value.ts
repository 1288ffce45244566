/**
 * A YAML document's value, or one placed sentence for the ways a document can
 * be well-formed YAML yet unreadable: an alias bomb (expansions capped the
 * way Kubernetes' YAML decoder caps them), an alias to no anchor, an alias
 * inside the node it names (a cycle), a `<<` merge of something that is not
 * a map, nesting too deep to read. Only that document fails.
 */
import type { Document, Node as YamlNode } from 'yaml';
import type { LineTable } from '../text-position.js';

type Yaml = typeof import('yaml');

/** Alias expansions allowed per document before it counts as a bomb. */
export const MAX_ALIAS_COUNT = 1000;
/** Aliases times nodes: each alias the yaml package reads walks the document once. */
const MAX_ALIAS_WORK = 20_000_000;

export type YamlValue = { readonly value: unknown } | { readonly error: { readonly line: number; readonly column: number; readonly message: string } };

export function yamlValue(Y: Yaml, doc: Document.Parsed, lines: LineTable): YamlValue {
  const place = (node: unknown, message: string): YamlValue => {
    const offset = (node as YamlNode | undefined)?.range?.[0] ?? (doc.contents as YamlNode | null)?.range?.[0] ?? 0;
    return { error: { ...lines.position(offset), message } };
  };
  let firstAlias: unknown;
  let unresolved: unknown;
  let cycle: unknown;
  let badMerge: unknown;
  let aliases = 0;
  let nodes = 0;
  // Anchors as the walk meets them (an alias names the latest one before it): yaml's own
  // Alias.resolve walks the whole document each time, which is quadratic in aliases.
  const anchors = new Map<string, unknown>();
  const resolve = (node: unknown) => (Y.isAlias(node) ? anchors.get(node.source) : node);
  try {
    Y.visit(doc, {
      Node(_, node, path) {
        nodes++;
        if (!Y.isAlias(node)) {
          if (node.anchor) anchors.set(node.anchor, node);
          return undefined;
        }
        aliases++;
        firstAlias ??= node;
        const target = anchors.get(node.source);
        if (!target) unresolved = node;
        else if (path.includes(target as never)) cycle = node;
        return unresolved || cycle ? Y.visit.BREAK : undefined;
      },
      Pair(_, pair) {
        if (!Y.isScalar(pair.key) || (pair.key.value !== '<<' && typeof pair.key.value !== 'symbol')) return undefined;
        const sources = Y.isSeq(pair.value) ? pair.value.items : [pair.value];
        const bad = sources.find((s) => !Y.isMap(resolve(s)));
        if (bad === undefined) return undefined;
        badMerge = bad ?? pair.value;
        return Y.visit.BREAK;
      },
    });
  } catch (error) {
    if (error instanceof RangeError) return place(undefined, 'nested too deeply for caplint to read');
    throw error;
  }
  if (unresolved) return place(unresolved, `the alias *${(unresolved as { source: string }).source} names no anchor defined before it`);
  if (cycle) return place(cycle, `the alias *${(cycle as { source: string }).source} is inside the node its anchor names, so its value would contain itself`);
  if (badMerge) return place(badMerge, 'a << merge takes a map, an alias of a map, or a list of them');
  // Reading an alias costs a walk of the document in the yaml package: bound the product.
  if (aliases * nodes > MAX_ALIAS_WORK) return place(firstAlias, `${aliases} aliases in a document of ${nodes} nodes are more than caplint reads (an alias bomb?)`);
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof RangeError) return place(undefined, 'nested too deeply for caplint to read');
    if (/Excessive alias count/.test(message)) return place(firstAlias, `its aliases expand past ${MAX_ALIAS_COUNT} nodes (an alias bomb); caplint refuses it as Kubernetes' YAML decoder does`);
    return place(undefined, `cannot read this YAML document: ${message}`);
  }
}

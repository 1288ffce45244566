/**
 * Keys written twice in one YAML mapping, found by walking the parsed
 * document without recursion and without following aliases (an anchored
 * node is walked once, where it is defined).
 */
import type { Document, Node as YamlNode, Pair } from 'yaml';
import type { RepeatedKey } from '../../model/located.js';
import { pointerOf } from '../../model/pointer.js';
import type { LineTable } from '../text-position.js';

type Yaml = typeof import('yaml');

export function repeatedYamlKeys(Y: Yaml, doc: Document.Parsed, lines: LineTable): RepeatedKey[] {
  const out: RepeatedKey[] = [];
  const stack: { node: unknown; path: readonly (string | number)[] }[] = [{ node: doc.contents, path: [] }];
  while (stack.length) {
    const { node, path } = stack.pop()!;
    if (Y.isMap(node)) {
      const seen = new Map<string, Pair>();
      for (const pair of node.items as Pair[]) {
        if (!Y.isPair(pair)) continue;
        const key = Y.isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key !== undefined) {
          const first = seen.get(key);
          if (first) out.push(placed(Y, key, path, first, pair, lines));
          else seen.set(key, pair);
        }
        if (pair.value && !Y.isAlias(pair.value)) stack.push({ node: pair.value, path: key === undefined ? path : [...path, key] });
      }
    } else if (Y.isSeq(node)) {
      node.items.forEach((item, index) => {
        if (!Y.isAlias(item)) stack.push({ node: item, path: [...path, index] });
      });
    }
  }
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}

function placed(Y: Yaml, key: string, path: readonly (string | number)[], first: Pair, second: Pair, lines: LineTable): RepeatedKey {
  const range = (second.key as YamlNode).range ?? [0, 0, 0];
  const from = lines.position(range[0]);
  const to = lines.position(range[1]);
  const firstAt = lines.position((first.key as YamlNode).range?.[0] ?? 0);
  return {
    key, pointer: pointerOf(...path, key), ...from, endLine: to.line, endColumn: to.column, firstLine: firstAt.line,
    objects: Y.isMap(first.value) && Y.isMap(second.value),
  };
}

/** The pointer scanner agrees with jsonc-parser's syntax tree on every pointer of real and generated documents. */
import { readFileSync } from 'node:fs';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { JsonLocator, locateInJson } from '../../engine/inputs/json-locate.js';
import { HARDENED_PATH, RUNC_DEFAULT_PATH } from '../helpers/oci.js';

/** Every path in a value, plus a missing child under each container. */
function paths(value: unknown, prefix: string[] = []): string[][] {
  const out = [prefix];
  if (Array.isArray(value)) {
    value.forEach((v, i) => out.push(...paths(v, [...prefix, String(i)])));
    out.push([...prefix, String(value.length)]);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
    out.push([...prefix, 'no-such-key']);
  }
  return out;
}

function oracle(text: string, path: string[]) {
  const tree = parseTree(text)!;
  for (let n = path.length; n >= 0; n--) {
    const node = findNodeAtLocation(tree, path.slice(0, n).map((t) => (/^\d+$/.test(t) ? Number(t) : t)));
    if (!node) continue;
    const start = node.parent?.type === 'property' ? node.parent.offset : node.offset;
    return { start, end: node.offset + node.length, depth: n };
  }
  return undefined;
}

/** Each lookup alone, and all of them through one locator that keeps its index of containers between lookups. */
function agreeOn(text: string) {
  const shared = new JsonLocator(text);
  for (const path of paths(JSON.parse(text))) {
    const expected = oracle(text, path);
    expect(locateInJson(text, path), path.join('/')).toEqual(expected);
    expect(shared.locate(path), `${path.join('/')} (shared locator)`).toEqual(expected);
  }
}

describe('locateInJson', () => {
  it('agrees with jsonc-parser on every pointer of the examples', () => {
    agreeOn(readFileSync(RUNC_DEFAULT_PATH, 'utf8'));
    agreeOn(readFileSync(HARDENED_PATH, 'utf8'));
  });

  it('agrees on awkward text: escapes, brackets in strings, nesting, compact and spaced layouts', () => {
    const value = { 'a"b': ['x]', { '}': '{[', 'k\\': [1, -2.5e3, true, null, []] }], 'c/d': { 'e~f': {} }, '\u00e9': '\\"', n: [[[0]]] };
    agreeOn(JSON.stringify(value));
    agreeOn(JSON.stringify(value, null, 3));
    agreeOn(JSON.stringify(value, null, '\t').replace(/\n/g, '\r\n'));
  });

  it('agrees on generated documents', () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    const gen = (depth: number): unknown => {
      const kind = depth > 3 ? rand(3) : rand(5);
      if (kind === 0) return rand(2) ? `s${rand(100)}"]}` : rand(1000) - 500;
      if (kind === 1) return [true, false, null][rand(3)];
      if (kind === 2) return 'plain';
      if (kind === 3) return Array.from({ length: rand(4) }, () => gen(depth + 1));
      return Object.fromEntries(Array.from({ length: rand(4) }, (_, i) => [`k${i}${rand(2) ? '\\n' : ''}`, gen(depth + 1)]));
    };
    for (let i = 0; i < 200; i++) agreeOn(JSON.stringify({ root: gen(0) }, null, rand(3)));
  });
});

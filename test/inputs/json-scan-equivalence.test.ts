/**
 * scanJson jumps from token to token with native searches; a plain loop over
 * every character, kept here as the reference, must find the same repeated
 * keys (pointers and offsets) and the same too-deep offset on valid and
 * broken text alike (the scan runs before JSON.parse).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { scanJson } from '../../engine/inputs/json-scan.js';
import { pointerOf } from '../../engine/model/pointer.js';

function reference(text: string, maxDepth: number) {
  const repeated: { key: string; pointer: string; first: number; offset: number; end: number; objects: boolean }[] = [];
  const stack: { keys: Map<string, { offset: number; isObject: boolean }> | null; token: string | number; expectKey: boolean }[] = [];
  const nextIsObject = (from: number) => {
    let i = from;
    while (i < text.length && /[\s:]/.test(text[i]!)) i++;
    return text[i] === '{';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const start = i;
      let escaped = false;
      for (i++; i < text.length; i++) {
        if (text[i] === '\\') { escaped = true; i++; } else if (text[i] === '"') break;
      }
      const top = stack.at(-1);
      if (top?.keys && top.expectKey) {
        top.expectKey = false;
        const raw = text.slice(start, i + 1);
        let key = raw.slice(1, -1);
        if (escaped) try { key = JSON.parse(raw) as string; } catch { /* as written */ }
        top.token = key;
        const seen = top.keys.get(key);
        if (seen) repeated.push({ key, pointer: pointerOf(...stack.map((l) => l.token)), first: seen.offset, offset: start, end: i + 1, objects: seen.isObject && nextIsObject(i + 1) });
        else top.keys.set(key, { offset: start, isObject: nextIsObject(i + 1) });
      }
    } else if (c === '{' || c === '[') {
      if (stack.length >= maxDepth) return { repeated, tooDeep: i };
      stack.push({ keys: c === '{' ? new Map() : null, token: 0, expectKey: c === '{' });
    } else if (c === '}' || c === ']') stack.pop();
    else if (c === ',') {
      const top = stack.at(-1);
      if (top?.keys) top.expectKey = true;
      else if (top) top.token = (top.token as number) + 1;
    }
  }
  return { repeated };
}

const agree = (text: string, maxDepth = 500) => expect(scanJson(text, maxDepth), text.slice(0, 80)).toEqual(reference(text, maxDepth));

describe('scanJson', () => {
  it('agrees with a scan of every character on the shipped profiles and examples', () => {
    const root = resolve(__dirname, '../..');
    for (const f of ['profiles/seccomp/default.json', 'examples/oci/runc-default/config.json', 'examples/docker-inspect/risky.json']) agree(readFileSync(join(root, f), 'utf8'));
  });

  it('agrees on repeated keys behind escapes, brackets inside strings, broken and too-deep text', () => {
    agree('{"a": 1, "a": {"b": [1, {"c": 2, "c": 3}]}, "a\\u0062": 0, "ab": {}, "ab": {}}');
    agree('{"x\\\\": "]}\\"[{", "x\\\\": 1, "y": "\\\\\\"", "y": 2}');
    agree('{"a": [1, 2, {"k": 1, "k": 2}], "a": ');
    agree('{"open": "no end');
    agree('{"s": "trailing backslash \\');
    agree(`${'['.repeat(40)}1${']'.repeat(40)}`, 30);
    agree('{"a" : \n\t {"x": 1}, "a":{"y": 2}}');
  });

  it('agrees on generated documents with repeated keys', () => {
    let seed = 11;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    const gen = (depth: number): string => {
      const kind = depth > 4 ? rand(2) : rand(4);
      if (kind === 0) return JSON.stringify(rand(2) ? `v${rand(9)}"]},\\` : rand(100));
      if (kind === 1) return ['true', 'null', '"[{"'][rand(3)]!;
      if (kind === 2) return `[${Array.from({ length: rand(4) }, () => gen(depth + 1)).join(', ')}]`;
      return `{${Array.from({ length: rand(5) }, () => `${JSON.stringify(`k${rand(3)}${rand(4) ? '' : '\\'}`)}: ${gen(depth + 1)}`).join(rand(2) ? ',' : ',\n  ')}}`;
    };
    for (let i = 0; i < 300; i++) agree(gen(0));
  });
});

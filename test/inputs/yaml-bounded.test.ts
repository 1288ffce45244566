/** The bounded YAML parse: a refused document is skipped to its end, and every other document reads exactly as the yaml package reads it. */
import * as Y from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseBoundedStream } from '../../engine/inputs/yaml/yaml-bounded.js';

const OPTIONS = { uniqueKeys: false, merge: true } as const;
const small = { items: 5, nodes: 40 };
const parse = (text: string) => parseBoundedStream(Y, text, OPTIONS, small);
const values = (text: string) => parse(text).docs.map((d) => d.toJS());

describe('parseBoundedStream', () => {
  it('reads collections of exactly the bound, block and flow', () => {
    const text = 'a:\n- 1\n- 2\n- 3\n- 4\n- 5\nb: [1, 2, 3, 4]\n';
    expect(parse(text).refused).toEqual([]);
    expect(values(text)).toEqual([{ a: [1, 2, 3, 4, 5], b: [1, 2, 3, 4] }]);
  });

  it('refuses a block list one past the bound at the list\'s first item', () => {
    const text = 'a: 1\nlist:\n  - 1\n  - 2\n  - 3\n  - 4\n  - 5\n  - 6\n';
    expect(parse(text).refused).toEqual([{ offset: text.indexOf('  - 1') + 2, message: 'a list or map of more than 5 items starts here, more than caplint reads in one document' }]);
  });

  it('refuses a flow list and a map with too many keys', () => {
    expect(parse('x: [1, 2, 3, 4, 5, 6, 7]\n').refused.map((r) => r.offset)).toEqual([3]);
    expect(parse('a: 1\nb: 2\nc: 3\nd: 4\ne: 5\nf: 6\n').refused.map((r) => r.offset)).toEqual([0]);
  });

  it('refuses a document with more values than the bound, though no list is long; aliases count', () => {
    const under = `top: &x\n${Array.from({ length: 4 }, (_, i) => `  k${i}: [1, 2, 3, '4']`).join('\n')}\n`;
    expect(parse(under).refused).toEqual([]);
    const over = `${under}more:\n${Array.from({ length: 5 }, (_, i) => `  m${i}: [1, 2, 3, *x]`).join('\n')}\n`;
    const { refused } = parse(over);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.message).toBe('the document holds more than 40 values, more than caplint reads in one document');
    expect(refused[0]!.offset).toBeGreaterThan(over.indexOf('m3'));
  });

  it('keeps the documents after a refused one, at the offsets the yaml package gives them', () => {
    const text = 'a: [1, 2, 3, 4, 5, 6, 7, 8]\nb: |\n  ---\n  ...\n---\nc: 1\n...\n%YAML 1.2\n---\nd: [x, "y"]\n';
    const { docs, refused } = parse(text);
    expect(refused.map((r) => r.offset)).toEqual([3]);
    const plain = Y.parseAllDocuments(text, OPTIONS) as Y.Document.Parsed[];
    expect(docs).toHaveLength(3);
    expect(docs.slice(1).map((d) => [d.toJS(), d.range, d.errors.length])).toEqual(plain.slice(1).map((d) => [d.toJS(), d.range, 0]));
  });
});

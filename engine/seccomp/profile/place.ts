/**
 * Errors at a place in the profile's text, and integers read exactly from
 * that text: JSON.parse turns 18446744073709551615 into 2^64, so argument
 * values are re-read from the number's own characters when the text is known.
 */
import { parseTree, findNodeAtLocation } from 'jsonc-parser';
import type { Node as JsonNode } from 'jsonc-parser';
import { CaplintError } from '../../errors.js';
import type { SourceDocument } from '../../model/located.js';
import type { SeccompProfileSource } from '../../model/subject.js';
import { parsePointer } from '../../model/pointer.js';

const trees = new WeakMap<SourceDocument, JsonNode | null>();

export function errorAt(source: SeccompProfileSource, pointer: string, message: string): CaplintError {
  const file = source.file ?? source.origin?.file ?? '<profile>';
  const span = source.origin?.span(pointer);
  return new CaplintError(message, span ? { file, line: span.line, column: span.column } : { file });
}

function rawNumber(origin: SourceDocument, pointer: string): string | undefined {
  let tree = trees.get(origin);
  if (tree === undefined) {
    tree = parseTree(origin.text, [], { disallowComments: true }) ?? null;
    trees.set(origin, tree);
  }
  if (!tree) return undefined;
  const path = parsePointer(pointer).map((t) => (/^\d+$/.test(t) ? Number(t) : t));
  const node = findNodeAtLocation(tree, path);
  return node?.type === 'number' ? origin.text.slice(node.offset, node.offset + node.length) : undefined;
}

const U64_MAX = (1n << 64n) - 1n;

/**
 * A non-negative integer up to 2^64-1, as Go's encoding/json reads a uint64
 * (no sign, fraction or exponent). Read from the text when the profile has
 * one; from the parsed number only while it is exact.
 */
export function readU64(source: SeccompProfileSource, pointer: string, parsed: unknown, what: string): bigint {
  if (typeof parsed !== 'number') throw errorAt(source, pointer, `${what} must be a number, not ${describe(parsed)}`);
  const raw = source.origin ? rawNumber(source.origin, pointer) : undefined;
  if (raw !== undefined) {
    if (!/^\d+$/.test(raw)) throw errorAt(source, pointer, `${what} must be an integer from 0 to 2^64-1, not ${raw}`);
    const value = BigInt(raw);
    if (value > U64_MAX) throw errorAt(source, pointer, `${what} ${raw} does not fit in 64 bits`);
    return value;
  }
  if (!Number.isInteger(parsed) || parsed < 0) throw errorAt(source, pointer, `${what} must be an integer from 0 to 2^64-1, not ${parsed}`);
  if (!Number.isSafeInteger(parsed)) throw errorAt(source, pointer, `${what} is above 2^53 and the profile's text is not available to read it exactly`);
  return BigInt(parsed);
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}

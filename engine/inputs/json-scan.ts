/**
 * One pass over a JSON text, without recursion, for what JSON.parse hides:
 * nesting deeper than MAX_DEPTH (placed, so a 100k-deep document is one
 * error, not a stack overflow), and keys repeated in one object (JSON.parse
 * keeps the last; Go's encoding/json merges objects; strict decoders refuse).
 */
import { pointerOf } from '../model/pointer.js';

/** Deeper nesting than any container config needs; beyond it the input is refused. */
export const MAX_DEPTH = 500;

export interface RepeatedKey {
  readonly key: string;
  /** Pointer of the member (both occurrences share it). */
  readonly pointer: string;
  /** Offsets of the first and the repeated key's opening quote, and the repeated key's end. */
  readonly first: number;
  readonly offset: number;
  readonly end: number;
  /** Both values are objects (Go merges them) or not (the last wins). */
  readonly objects: boolean;
}

export interface JsonScan {
  readonly repeated: RepeatedKey[];
  /** Offset of the bracket that went past MAX_DEPTH. */
  readonly tooDeep?: number;
}

interface Level {
  readonly keys: Map<string, { offset: number; isObject: boolean }> | null;
  /** The current member's key (objects) or index (arrays). */
  token: string | number;
  expectKey: boolean;
}

/** The characters the scan acts on; everything else (values, blanks, colons) is jumped over natively. */
const TOKEN = /["{}[\],]/g;

export function scanJson(text: string, maxDepth = MAX_DEPTH): JsonScan {
  const repeated: RepeatedKey[] = [];
  const stack: Level[] = [];
  const length = text.length;
  for (TOKEN.lastIndex = 0; TOKEN.test(text);) {
    let i = TOKEN.lastIndex - 1;
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const start = i;
      i = closingQuote(text, i);
      TOKEN.lastIndex = i + 1;
      const top = stack[stack.length - 1];
      if (top?.keys && top.expectKey) {
        top.expectKey = false;
        const raw = text.slice(start, i + 1);
        const key = raw.includes('\\') ? decode(raw) : raw.slice(1, -1);
        top.token = key;
        const seen = top.keys.get(key);
        if (seen) {
          const pointer = pointerOf(...stack.map((l) => l.token));
          repeated.push({ key, pointer, first: seen.offset, offset: start, end: i + 1, objects: seen.isObject && nextIsObject(text, i + 1) });
        } else top.keys.set(key, { offset: start, isObject: nextIsObject(text, i + 1) });
      }
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (stack.length >= maxDepth) return { repeated, tooDeep: i };
      stack.push({ keys: c === 0x7b ? new Map() : null, token: 0, expectKey: c === 0x7b });
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
    } else {
      const top = stack[stack.length - 1]; // a comma
      if (top?.keys) top.expectKey = true;
      else if (top) top.token = (top.token as number) + 1;
    }
    if (i >= length) break;
  }
  return { repeated };
}

/** The offset of the quote that closes the string opened at `open` (one not escaped by an odd run of backslashes), or the text's length. */
function closingQuote(text: string, open: number): number {
  for (let from = open + 1; ;) {
    const quote = text.indexOf('"', from);
    if (quote < 0) return text.length;
    let before = quote - 1;
    while (text.charCodeAt(before) === 0x5c) before--;
    if ((quote - 1 - before) % 2 === 0) return quote;
    from = quote + 1;
  }
}

function decode(raw: string): string {
  try {
    return JSON.parse(raw) as string;
  } catch {
    return raw.slice(1, -1);
  }
}

const BLANKS_AND_COLON = /[\s:]*/y;

/** Whether the value after a key (past the colon and blanks) opens an object. */
function nextIsObject(text: string, from: number): boolean {
  BLANKS_AND_COLON.lastIndex = from;
  BLANKS_AND_COLON.test(text);
  return text.charCodeAt(BLANKS_AND_COLON.lastIndex) === 0x7b;
}

/**
 * Where a JSON pointer lands in a JSON text, found by skipping straight to
 * it: no syntax tree is built, so placing a finding costs a scan of the text
 * up to that point. The text must already be valid JSON (JSON.parse passed).
 * Like jsonc-parser, the first of duplicate keys is taken.
 */
export interface TextSpan {
  /** Offset where the value starts, or its key for an object member. */
  readonly start: number;
  readonly end: number;
  /** How many path tokens were found (less than asked: the span is of the nearest ancestor). */
  readonly depth: number;
}

const QUOTE = 34, BACKSLASH = 92, OPEN_BRACE = 123, CLOSE_BRACE = 125, OPEN_BRACKET = 91, CLOSE_BRACKET = 93, COMMA = 44;
/** What a container's end is found among: quotes (strings are skipped whole) and brackets. */
const STRUCTURE = /["{}[\]]/g;

export function locateInJson(text: string, path: readonly string[]): TextSpan | undefined {
  let i = 0;
  const ws = () => {
    for (let c = text.charCodeAt(i); c === 32 || c === 10 || c === 13 || c === 9; c = text.charCodeAt(++i));
  };
  // Strings and containers are skipped with native searches (indexOf, a regular expression),
  // not a loop per character: a short run places a finding without warming a JIT for it.
  const skipString = () => {
    for (let from = i + 1; ;) {
      const quote = text.indexOf('"', from);
      if (quote < 0) { i = text.length; return; }
      let before = quote - 1;
      while (text.charCodeAt(before) === BACKSLASH) before--;
      if ((quote - 1 - before) % 2 === 0) { i = quote + 1; return; } // an even run of backslashes escapes nothing
      from = quote + 1;
    }
  };
  const readKey = (): string => {
    const from = i;
    skipString();
    const raw = text.slice(from + 1, i - 1);
    return raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
  };
  const skipValue = () => {
    const c = text.charCodeAt(i);
    if (c === QUOTE) return skipString();
    if (c !== OPEN_BRACE && c !== OPEN_BRACKET) {
      for (let d = c; d !== COMMA && d !== CLOSE_BRACE && d !== CLOSE_BRACKET && d !== 32 && d !== 10 && d !== 13 && d !== 9 && !Number.isNaN(d); d = text.charCodeAt(++i));
      return;
    }
    for (let depth = 0; ;) {
      STRUCTURE.lastIndex = i;
      if (!STRUCTURE.test(text)) { i = text.length; return; }
      i = STRUCTURE.lastIndex - 1;
      const d = text.charCodeAt(i);
      if (d === QUOTE) { skipString(); continue; }
      i++;
      if (d === OPEN_BRACE || d === OPEN_BRACKET) depth++;
      else if (--depth === 0) return;
    }
  };

  ws();
  let start = i;
  for (let depth = 0; ; depth++) {
    const valueStart = i;
    if (depth === path.length) {
      skipValue();
      return { start, end: i, depth };
    }
    const token = path[depth]!;
    const c = text.charCodeAt(i);
    let found = false;
    if (c === OPEN_BRACE) {
      i++;
      for (ws(); text.charCodeAt(i) === QUOTE; ) {
        const keyStart = i;
        const key = readKey();
        ws(); i++; ws(); // the colon
        if (key === token) { start = keyStart; found = true; break; }
        skipValue(); ws();
        if (text.charCodeAt(i) === COMMA) { i++; ws(); }
      }
    } else if (c === OPEN_BRACKET && /^\d+$/.test(token)) {
      const want = Number(token);
      i++; ws();
      for (let n = 0; text.charCodeAt(i) !== CLOSE_BRACKET && i < text.length; n++) {
        if (n === want) { start = i; found = true; break; }
        skipValue(); ws();
        if (text.charCodeAt(i) === COMMA) { i++; ws(); }
      }
    }
    if (!found) {
      i = valueStart;
      skipValue();
      return { start, end: i, depth };
    }
  }
}


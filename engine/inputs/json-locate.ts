/**
 * Where a JSON pointer lands in a JSON text, found by skipping straight to
 * it: no syntax tree is built. A JsonLocator remembers, for each container
 * a lookup has passed through, where its members start, so placing many
 * findings in one document (a config with 20,000 mounts) costs one scan of
 * each container, not one scan of the text per finding. The text must
 * already be valid JSON (JSON.parse passed). Like jsonc-parser, the first of
 * duplicate keys is taken.
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

/** An object's members (key offset, value offset; the first of a repeated key) or an array's value offsets. */
type Children = { readonly keys: Map<string, readonly [number, number]> } | { readonly items: readonly number[] } | null;

export class JsonLocator {
  private i = 0;
  private readonly children = new Map<number, Children>();

  constructor(private readonly text: string) {}

  locate(path: readonly string[]): TextSpan | undefined {
    this.i = 0;
    this.ws();
    let at = this.i;
    let start = at;
    for (let depth = 0; ; depth++) {
      const kids = depth === path.length ? null : this.childrenAt(at);
      const token = path[depth]!;
      const hit = !kids ? undefined : 'keys' in kids ? kids.keys.get(token) : /^\d+$/.test(token) && Number(token) < kids.items.length ? [kids.items[Number(token)]!, kids.items[Number(token)]!] as const : undefined;
      if (!hit) return { start, end: this.endOf(at), depth };
      [start, at] = hit;
    }
  }

  /** Members of the container whose value starts at `offset` (null for a scalar), indexed on first use. */
  private childrenAt(offset: number): Children {
    if (this.children.has(offset)) return this.children.get(offset)!;
    const { text } = this;
    const c = text.charCodeAt(offset);
    let found: Children = null;
    this.i = offset + 1;
    this.ws();
    if (c === OPEN_BRACE) {
      const keys = new Map<string, readonly [number, number]>();
      while (text.charCodeAt(this.i) === QUOTE) {
        const keyStart = this.i;
        const key = this.readKey();
        this.ws(); this.i++; this.ws(); // the colon
        if (!keys.has(key)) keys.set(key, [keyStart, this.i]);
        this.skipValue(); this.ws();
        if (text.charCodeAt(this.i) === COMMA) { this.i++; this.ws(); }
      }
      found = { keys };
    } else if (c === OPEN_BRACKET) {
      const items: number[] = [];
      while (text.charCodeAt(this.i) !== CLOSE_BRACKET && this.i < text.length) {
        items.push(this.i);
        this.skipValue(); this.ws();
        if (text.charCodeAt(this.i) === COMMA) { this.i++; this.ws(); }
      }
      found = { items };
    }
    this.children.set(offset, found);
    return found;
  }

  private endOf(offset: number): number {
    this.i = offset;
    this.skipValue();
    return this.i;
  }

  private ws(): void {
    const { text } = this;
    let { i } = this;
    for (let c = text.charCodeAt(i); c === 32 || c === 10 || c === 13 || c === 9; c = text.charCodeAt(++i));
    this.i = i;
  }

  // Strings and containers are skipped with native searches (indexOf, a regular expression),
  // not a loop per character: a short run places a finding without warming a JIT for it.
  private skipString(): void {
    const { text } = this;
    for (let from = this.i + 1; ;) {
      const quote = text.indexOf('"', from);
      if (quote < 0) { this.i = text.length; return; }
      let before = quote - 1;
      while (text.charCodeAt(before) === BACKSLASH) before--;
      if ((quote - 1 - before) % 2 === 0) { this.i = quote + 1; return; } // an even run of backslashes escapes nothing
      from = quote + 1;
    }
  }

  private readKey(): string {
    const from = this.i;
    this.skipString();
    const raw = this.text.slice(from + 1, this.i - 1);
    return raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
  }

  private skipValue(): void {
    const { text } = this;
    const c = text.charCodeAt(this.i);
    if (c === QUOTE) return this.skipString();
    if (c !== OPEN_BRACE && c !== OPEN_BRACKET) {
      let { i } = this;
      for (let d = c; d !== COMMA && d !== CLOSE_BRACE && d !== CLOSE_BRACKET && d !== 32 && d !== 10 && d !== 13 && d !== 9 && !Number.isNaN(d); d = text.charCodeAt(++i));
      this.i = i;
      return;
    }
    for (let depth = 0; ;) {
      STRUCTURE.lastIndex = this.i;
      if (!STRUCTURE.test(text)) { this.i = text.length; return; }
      this.i = STRUCTURE.lastIndex - 1;
      const d = text.charCodeAt(this.i);
      if (d === QUOTE) { this.skipString(); continue; }
      this.i++;
      if (d === OPEN_BRACE || d === OPEN_BRACKET) depth++;
      else if (--depth === 0) return;
    }
  }
}

/** One lookup, without keeping an index (a JsonLocator keeps one across lookups). */
export function locateInJson(text: string, path: readonly string[]): TextSpan | undefined {
  return new JsonLocator(text).locate(path);
}

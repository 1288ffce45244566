/**
 * JSON of one process Subject, equal to JSON.stringify's, with the parts
 * that processes share written once: the scan hands processes read alike the
 * same capability lists, namespace states, limits, mounts and container
 * objects, so each is stringified the first time it is met and reused.
 */

/** Object-valued members by identity, stringified once. */
export class SharedJson {
  private readonly written = new WeakMap<object, string>();
  /** `"key":` by key: every process has the same keys. */
  private readonly keys = new Map<string, string>();

  /** `subject` plus `extra` members, as JSON.stringify({ ...subject, ...extra }) writes it. */
  subject(subject: object, extra: Readonly<Record<string, unknown>>): string {
    // Members of `extra` replace the subject's own in place, as the spread would.
    const own = subject as Readonly<Record<string, unknown>>;
    let out = this.members(own, 'process', extra);
    for (const key of Object.keys(extra)) if (!Object.hasOwn(own, key)) out = this.member(out, key, this.value(extra[key]));
    return `${out}}`;
  }

  /** `{` and the members written so far (no closing brace). */
  private members(object: Readonly<Record<string, unknown>>, nested?: string, replaced?: Readonly<Record<string, unknown>>): string {
    let out = '{';
    for (const key of Object.keys(object)) {
      const value = replaced !== undefined && Object.hasOwn(replaced, key) ? replaced[key] : object[key];
      const text = key === nested && isPlain(value) ? `${this.members(value as Record<string, unknown>)}}` : this.value(value);
      out = this.member(out, key, text);
    }
    return out;
  }

  private member(out: string, key: string, text: string | undefined): string {
    if (text === undefined) return out;
    let name = this.keys.get(key);
    if (name === undefined) this.keys.set(key, (name = `${JSON.stringify(key)}:`));
    return `${out}${out.length > 1 ? ',' : ''}${name}${text}`;
  }

  private value(value: unknown): string | undefined {
    if (typeof value !== 'object' || value === null) return JSON.stringify(value);
    let text = this.written.get(value);
    if (text === undefined) this.written.set(value, (text = JSON.stringify(value)));
    return text;
  }
}

function isPlain(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

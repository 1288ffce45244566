/**
 * JSON of one process Subject, equal to JSON.stringify's, with the parts
 * that processes share written once: the scan hands processes read alike the
 * same capability lists, namespace states, limits, mounts and container
 * objects, so each is stringified the first time it is met and reused.
 */

/** Object-valued members by identity, stringified once. */
export class SharedJson {
  private readonly written = new WeakMap<object, string>();

  /** `subject` plus `extra` members, as JSON.stringify({ ...subject, ...extra }) writes it. */
  subject(subject: object, extra: Readonly<Record<string, unknown>>): string {
    return this.members({ ...subject, ...extra }, 'process');
  }

  private members(object: Readonly<Record<string, unknown>>, nested?: string): string {
    let out = '{';
    for (const key of Object.keys(object)) {
      const value = object[key];
      const text = key === nested && isPlain(value) ? this.members(value as Record<string, unknown>) : this.value(value);
      if (text === undefined) continue;
      out += `${out.length > 1 ? ',' : ''}${JSON.stringify(key)}:${text}`;
    }
    return `${out}}`;
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

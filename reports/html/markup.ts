/**
 * A tagged template for HTML: every interpolated value is escaped unless it
 * is already markup built by this same tag, so report text (container names,
 * messages, source lines) can never become elements or attributes.
 */
import { escapeMarkup } from '../common/escape.js';

export class Markup {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Value = Markup | string | number | boolean | null | undefined | readonly Value[];

function render(value: Value): string {
  if (value instanceof Markup) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeMarkup(String(value));
}

export function html(strings: TemplateStringsArray, ...values: readonly Value[]): Markup {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new Markup(out);
}

/**
 * Escaping shared by every text-based format. Report text comes from inputs
 * (container names, file paths, annotations), so none of it is trusted.
 */

import { terminalSafe } from './terminal.js';

/** Code points XML 1.0 cannot carry at all: C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const MARKUP: Readonly<Record<string, string>> = {
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
};

/** Text for HTML or XML element content (also safe inside quoted attributes). */
export function escapeMarkup(text: string): string {
  return text.replace(NOT_XML, '\uFFFD').replace(/[&<>"']/g, (c) => MARKUP[c]!);
}

/** An attribute value whose line breaks and tabs must survive attribute normalisation. */
export function escapeMarkupAttr(text: string): string {
  return escapeMarkup(text).replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/**
 * Inline Markdown (GitHub flavour) that renders as the literal text: HTML is
 * entity-escaped; emphasis, code, link, table, heading-or-issue (`#`),
 * strikethrough and math (`$`) punctuation is backslash-escaped; `@` is kept
 * from mentioning; line breaks become `<br>` so a table row stays one row.
 * Callers place it mid-line, so line-start syntax (`-`, `1.`) needs nothing.
 * Control characters, CR and LF first become visible escapes (terminalSafe):
 * the report is read on terminals too.
 */
export function escapeMarkdown(text: string): string {
  const punctuationEscaped = terminalSafe(text).replace(/[\\`*_[\]#|~$]/g, (c) => `\\${c}`);
  return escapeMarkup(punctuationEscaped)
    .replace(/@/g, '&#64;')
    .replace(/\r\n|\r|\n/g, '<br>');
}

/** The longest run of backticks in `text`, so a code fence can be made longer than it. */
export function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

/**
 * Word wrapping for terminal text: breaks only at spaces, so a word is never
 * cut ("granted", not "grant / ed"); continuation lines take the indent that
 * lines up with the text after the first line's marker. A word longer than
 * the width stays whole on its own line.
 */

const ANSI = /\u001b\[[0-9;]*m/g;
/** What makes a string's width differ from its length: a colour sequence or a surrogate (half of an astral character). */
const NOT_PLAIN = /[\u001b\ud800-\udfff]/;

/** Width of a string as a terminal shows it, ignoring ANSI colour sequences (code points, as `[...text].length`). */
export function visibleLength(text: string): number {
  if (!NOT_PLAIN.test(text)) return text.length;
  return [...text.replace(ANSI, '')].length;
}

/**
 * `text` wrapped to `width` columns: the first line starts with `first` (which
 * may hold colour), the others with spaces as wide as `first`'s visible text.
 * Each word is measured once; the line's width is kept as it grows.
 */
export function wrapText(text: string, width: number, first: string): string[] {
  const indent = ' '.repeat(visibleLength(first));
  const room = Math.max(20, width - indent.length);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let used = 0;
    for (const word of paragraph.split(/ +/)) {
      const size = visibleLength(word);
      if (line === '') {
        line = word;
        used = size;
      } else if (used + 1 + size <= room) {
        line += ` ${word}`;
        used += 1 + size;
      } else {
        lines.push(line);
        line = word;
        used = size;
      }
    }
    lines.push(line);
  }
  return lines.map((l, i) => `${i === 0 ? first : indent}${l}`);
}

/**
 * Word wrapping for terminal text: breaks only at spaces, so a word is never
 * cut ("granted", not "grant / ed"); continuation lines take the indent that
 * lines up with the text after the first line's marker. A word longer than
 * the width stays whole on its own line.
 */

/** Width of a string as a terminal shows it, ignoring ANSI colour sequences. */
export function visibleLength(text: string): number {
  return [...text.replace(/\u001b\[[0-9;]*m/g, '')].length;
}

/**
 * `text` wrapped to `width` columns: the first line starts with `first` (which
 * may hold colour), the others with spaces as wide as `first`'s visible text.
 */
export function wrapText(text: string, width: number, first: string): string[] {
  const indent = ' '.repeat(visibleLength(first));
  const room = Math.max(20, width - indent.length);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/ +/)) {
      if (line === '') line = word;
      else if (visibleLength(line) + 1 + visibleLength(word) <= room) line += ` ${word}`;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  return lines.map((l, i) => `${i === 0 ? first : indent}${l}`);
}

/** Terminal widths for wrapping: colour sequences take no room, an astral character one column, like [...text]. */
import { describe, expect, it } from 'vitest';
import { visibleLength, wrapText } from '../../reports/common/wrap.js';

describe('visibleLength', () => {
  it('counts code points and ignores colour', () => {
    expect(visibleLength('plain words')).toBe(11);
    expect(visibleLength('\u001b[31m×\u001b[39m ok')).toBe(4);
    expect(visibleLength('a\u{1F600}b')).toBe(3);
    expect(visibleLength('\udc00x')).toBe(2); // a lone surrogate is one code point, as [...text] counts it
  });
});

describe('wrapText', () => {
  it('fills each line up to the room left after the marker, measuring coloured and astral words by what shows', () => {
    const words = Array.from({ length: 12 }, (_, i) => (i % 3 === 0 ? `\u001b[1mw${i}\u{1F600}\u001b[22m` : `word${i}`));
    const lines = wrapText(words.join(' '), 30, '> ');
    for (const line of lines) expect(visibleLength(line)).toBeLessThanOrEqual(30);
    // Greedy: the next line's first word would not have fitted on the line before.
    for (let i = 1; i < lines.length; i++) expect(visibleLength(lines[i - 1]!) + 1 + visibleLength(lines[i]!.trim().split(' ')[0]!)).toBeGreaterThan(30);
    expect(lines.map((l) => l.slice(2)).join(' ')).toBe(words.join(' '));
  });
});

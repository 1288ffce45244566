/**
 * A table cell from text a process controls (its command line, a runtime's
 * container name): control characters, which could move the cursor or
 * rewrite the terminal, are shown as `?`, and the cell stays on one line.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function safeCell(text: string): string {
  return text.replace(CONTROL, '?');
}

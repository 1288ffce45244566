/**
 * Untrusted text made safe for a terminal: the one sanitizer of every
 * human-readable format (text, the ps table, markdown, github annotations,
 * compact). Names, paths, commands and messages come from configs and from
 * live processes, which choose their own comm and cmdline, so any of them may
 * hold escape sequences (ESC[2J, OSC 8 links, a title change), CR to
 * overwrite a line, or LF to forge one. Each such character becomes a
 * visible escape (`\x1b[2J`, `\r`, `\n`, `\u202e`); everything else is
 * unchanged. JSON and SARIF keep the exact strings and never call this.
 */

/**
 * C0 controls (tab, CR and LF included), DEL, C1 controls (0x9b is a
 * one-byte CSI), the line and paragraph separators, and the bidirectional
 * overrides and isolates that reorder what follows them on screen.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function visible(c: string): string {
  const code = c.charCodeAt(0);
  return NAMED[c] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

/** `text` with every character that could drive a terminal written as a visible escape. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, visible);
}

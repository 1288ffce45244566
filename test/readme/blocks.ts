/**
 * The shell blocks of README.md: each ```sh (or bash/shell) fence, its line
 * number, its commands (continuation lines joined) and, when the nearest
 * non-blank line before it is `<!-- readme-test: skip (REASON) -->`, the reason
 * it is not run here.
 */
export interface Command {
  readonly text: string;
  /** The exit code a `# exit N` comment promises; otherwise 0 or 1 (an audit's verdict) are both fine. */
  readonly expect?: number;
}

export interface ShellBlock {
  readonly line: number;
  readonly commands: readonly Command[];
  readonly skip?: string;
}

const FENCE = /^```(sh|bash|shell)\s*$/;
const SKIP = /^<!--\s*readme-test:\s*skip\s*\((.+)\)\s*-->\s*$/;
const EXPECT = /#.*\bexit (\d+)\b/;

export function shellBlocks(markdown: string): ShellBlock[] {
  const lines = markdown.split('\n');
  const blocks: ShellBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!FENCE.test(lines[i]!)) {
      if (lines[i]!.startsWith('```')) i = closing(lines, i); // another language's block: step over it whole
      continue;
    }
    const end = closing(lines, i);
    let before = i - 1;
    while (before >= 0 && lines[before]!.trim() === '') before--;
    const skip = before >= 0 ? SKIP.exec(lines[before]!.trim())?.[1] : undefined;
    blocks.push({ line: i + 1, commands: commands(lines.slice(i + 1, end)), ...(skip ? { skip } : {}) });
    i = end;
  }
  return blocks;
}

function closing(lines: readonly string[], open: number): number {
  let j = open + 1;
  while (j < lines.length && !lines[j]!.startsWith('```')) j++;
  return j;
}

function commands(body: readonly string[]): Command[] {
  const out: Command[] = [];
  let pending = '';
  for (const raw of body) {
    if (raw.endsWith('\\')) {
      pending += `${raw.slice(0, -1)} `;
      continue;
    }
    const text = (pending + raw).trim();
    pending = '';
    if (text === '' || text.startsWith('#')) continue;
    const code = EXPECT.exec(text)?.[1];
    out.push({ text, ...(code !== undefined ? { expect: Number(code) } : {}) });
  }
  return out;
}

/** One bash script that runs the commands in order, in one shell (so `cd` carries), appending each exit code to $README_RC. */
export function script(block: ShellBlock): string {
  return block.commands.map((c) => `${c.text}\necho "$?" >> "$README_RC"\n`).join('');
}

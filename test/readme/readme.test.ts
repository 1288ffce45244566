/**
 * Every shell block of README.md runs as written, from a scratch folder that
 * mirrors the repository root (so files a command writes land there), with
 * `npx caplint` as a reader would after `npm ci`. A command passes when it
 * exits with the code its `# exit N` comment promises, or else 0 or 1 (an
 * audit's verdict), and prints no stack trace. Blocks marked
 * `<!-- readme-test: skip (REASON) -->` are skipped with that reason printed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { script, shellBlocks } from './blocks.js';

const blocks = shellBlocks(readFileSync(join(ROOT, 'README.md'), 'utf8'));
const scratch = mkdtempSync(join(tmpdir(), 'caplint-readme-'));
for (const entry of readdirSync(ROOT)) if (entry !== '.git') symlinkSync(join(ROOT, entry), join(scratch, entry));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const isRoot = process.getuid?.() === 0;
/** `caplint run` that launches (not --dry-run) needs root for the bounding set. */
const launches = (text: string) => /caplint run\b/.test(text) && !text.includes('--dry-run');

describe('README.md shell blocks', () => {
  it('there are blocks to run', () => {
    expect(blocks.filter((b) => !b.skip).length).toBeGreaterThan(3);
  });

  for (const block of blocks) {
    const name = `line ${block.line}: ${block.commands[0]?.text ?? '(empty)'}`;
    const skip = block.skip ?? (!isRoot && block.commands.some((c) => launches(c.text)) ? 'it launches confined processes, which needs root' : undefined);
    if (skip) console.warn(`SKIPPED: README block at ${name} because ${skip}`);
    it.skipIf(skip !== undefined)(name, () => {
      const rcFile = join(scratch, `.rc-${block.line}`);
      const ran = spawnSync('bash', ['-c', script(block)], {
        cwd: scratch,
        env: { ...process.env, NO_COLOR: '1', README_RC: rcFile },
        encoding: 'utf8',
        timeout: 180_000,
        maxBuffer: 64 * 1024 * 1024,
      });
      const codes = readFileSync(rcFile, 'utf8').trim().split('\n').map(Number);
      const output = `${ran.stdout}\n${ran.stderr}`;
      expect(output).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n|CAPLINT_DEBUG=1 to see/);
      expect(codes).toHaveLength(block.commands.length);
      block.commands.forEach((command, i) => {
        const why = `${command.text}\n${ran.stderr.slice(-2000)}`;
        if (command.expect !== undefined) expect(codes[i], why).toBe(command.expect);
        else expect([0, 1], why).toContain(codes[i]);
      });
    }, 240_000);
  }
});

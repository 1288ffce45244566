/** The README block reader: fences, skip markers, continuations, promised exit codes. */
import { describe, expect, it } from 'vitest';
import { script, shellBlocks } from './blocks.js';

const MD = [
  '# t',
  '```sh',
  'npx caplint audit a.json   # exit 1',
  '# a comment line',
  'npx caplint rules \\',
  '  --format json',
  '```',
  '',
  '<!-- readme-test: skip (needs docker) -->',
  '',
  '```bash',
  'docker inspect web | npx caplint audit -',
  '```',
  '```yaml',
  '- run: echo not a shell block',
  '```',
  '<!-- readme-test: skip (x) -->',
  'prose between',
  '```shell',
  'echo hi',
  '```',
].join('\n');

describe('shellBlocks', () => {
  const blocks = shellBlocks(MD);
  it('finds sh, bash and shell fences, not yaml', () => {
    expect(blocks.map((b) => b.line)).toEqual([2, 11, 19]);
  });
  it('joins continuations, drops comment lines and reads # exit N', () => {
    expect(blocks[0]!.commands).toEqual([
      { text: 'npx caplint audit a.json   # exit 1', expect: 1 },
      { text: 'npx caplint rules    --format json' },
    ]);
  });
  it('takes the skip reason from the nearest non-blank line before the fence only', () => {
    expect(blocks[1]!.skip).toBe('needs docker');
    expect(blocks[2]!.skip).toBeUndefined();
  });
  it('records every exit code in one shell', () => {
    expect(script(blocks[2]!)).toBe('echo hi\necho "$?" >> "$README_RC"\n');
  });
});

/** Bad input to `caplint learn`: one sentence, exit 2 (usage) or 125 (nothing could be run), no stack trace. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caplint } from '../helpers/cli.js';

describe('caplint learn usage', () => {
  it('needs a command', async () => {
    const ran = await caplint(['learn']);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(/no command given/);
  });

  it('takes --timeout in seconds above 0', async () => {
    const ran = await caplint(['learn', '--timeout', 'soon', '--', 'true']);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(/--timeout takes a number of seconds above 0, not "soon"/);
  });

  it('refuses a base without seccomp rules to record through', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'caplint-learn-usage-'));
    try {
      writeFileSync(join(dir, 'open.json'), JSON.stringify({ capabilities: { allow: [] }, seccomp: 'unconfined' }));
      const ran = await caplint(['learn', '--extends', join(dir, 'open.json'), '--', 'true'], { cwd: dir });
      expect(ran.code).toBe(2);
      expect(ran.stderr).toMatch(/its seccomp choice is "unconfined".*; nothing was run\n$/);
      expect(ran.stderr).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads --merge before it runs anything: a broken file is named with its line and column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'caplint-learn-usage-'));
    try {
      writeFileSync(join(dir, 'old.json'), '{\n  "capabilities": { "allow": [] },\n  "seccomp": \n}\n');
      const ran = await caplint(['learn', '--merge', 'old.json', '--', 'true'], { cwd: dir });
      expect(ran.code).toBe(2);
      expect(ran.stderr).toMatch(/old\.json:4:1: .*; nothing was run\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints its help', async () => {
    const ran = await caplint(['learn', '--help']);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/not a sandbox/);
  });
});

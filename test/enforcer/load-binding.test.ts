/** The loader names every path it tried and why each failed. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AddonUnavailableError, addonCandidates, loadBindingFrom } from '../../enforcer/load-binding.js';

describe('loading the addon', () => {
  it('lists each path tried, absent or unloadable, in one sentence', () => {
    const dir = mkdtempSync(join(tmpdir(), 'caplint-addon-'));
    const broken = join(dir, 'broken.node');
    writeFileSync(broken, 'not an ELF file');
    try {
      let error: unknown;
      try {
        loadBindingFrom([join(dir, 'absent.node'), broken]);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AddonUnavailableError);
      const message = (error as Error).message;
      expect(message).toMatch(/^launching confined needs the native enforcer addon on Linux, and it could not be loaded from /);
      expect(message).toContain(`${join(dir, 'absent.node')} (absent)`);
      expect(message).toMatch(new RegExp(`${broken} \\(.*(invalid ELF header|too short).*\\)`));
      expect(message).not.toContain('\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('tries CAPLINT_ADDON first, then the node-gyp build folders', () => {
    const list = addonCandidates({ CAPLINT_ADDON: '/opt/x.node' });
    expect(list[0]).toBe('/opt/x.node');
    expect(list.slice(1).map((p) => p.split('/').slice(-3).join('/'))).toEqual(['build/Release/caplint_enforcer.node', 'build/Debug/caplint_enforcer.node']);
  });
});

/** The loader names every path it tried and why each failed. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AddonUnavailableError, addonCandidates, loadBindingFrom, napiMismatch } from '../../enforcer/load-binding.js';

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

  it('tries CAPLINT_ADDON first, then the node-gyp build folders, then the prebuild for this platform', () => {
    const list = addonCandidates({ CAPLINT_ADDON: '/opt/x.node' }, 'linux-arm64');
    expect(list[0]).toBe('/opt/x.node');
    expect(list.slice(1).map((p) => p.split('/').slice(-3).join('/'))).toEqual(['build/Release/caplint_enforcer.node', 'build/Debug/caplint_enforcer.node', 'prebuilds/linux-arm64/caplint_enforcer.node']);
  });

  it('passes over a prebuild that needs a newer Node-API, saying so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'caplint-addon-'));
    try {
      const addon = join(dir, 'caplint_enforcer.node');
      writeFileSync(addon, 'never loaded');
      writeFileSync(join(dir, 'prebuild.json'), JSON.stringify({ napi: 99 }));
      expect(napiMismatch(addon, 9)).toBe('needs Node-API 99, this Node has 9');
      expect(() => loadBindingFrom([addon])).toThrow(`${addon} (needs Node-API 99, this Node has ${process.versions.napi})`);
      writeFileSync(join(dir, 'prebuild.json'), JSON.stringify({ napi: 8 }));
      expect(napiMismatch(addon, 9)).toBeUndefined();
      expect(() => loadBindingFrom([addon])).toThrow(/invalid ELF header|too short/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

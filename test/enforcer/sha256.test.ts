/**
 * The addon's SHA-256 (enforcer/native/sha256.cc), which keys and checks
 * compiled programs for `caplint run`, gives node:crypto's digest: the
 * standard vectors, every length across the padding boundaries, random
 * bytes, UTF-8 strings and a large input. A program cached under one is
 * found under the other.
 */
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addonSha256 } from '../../enforcer/sha256.js';
import type { NativeBinding } from '../../enforcer/native-binding.js';
import { nodeSha256 } from '../../engine/run/bpf-cache/sha256.js';

const reference = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

describe.skipIf(process.platform !== 'linux')('the addon\'s SHA-256', () => {
  const sha256 = addonSha256()!;

  it('is there', () => {
    expect(sha256).toBeTypeOf('function');
  });

  it('gives the FIPS 180-4 vectors', () => {
    expect(sha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
    expect(sha256('abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu'))
      .toBe('cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1');
    expect(sha256('a'.repeat(1_000_000))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('equals node:crypto on every length from 0 to 300 bytes and on random inputs up to 64 KiB', () => {
    for (let n = 0; n <= 300; n++) {
      const bytes = randomBytes(n);
      expect(sha256(bytes), `${n} bytes`).toBe(reference(bytes));
      expect(sha256(new Uint8Array(bytes)), `${n} bytes as a Uint8Array`).toBe(reference(bytes));
    }
    for (let i = 0; i < 200; i++) {
      const bytes = randomBytes(Math.floor(Math.random() * 65536));
      expect(sha256(bytes), `${bytes.length} bytes`).toBe(reference(bytes));
    }
    const whole = randomBytes(4096);
    expect(sha256(whole.subarray(100, 3000)), 'a view into a larger buffer').toBe(reference(whole.subarray(100, 3000)));
  });

  it('hashes strings as UTF-8, as node:crypto and the cache keys do', () => {
    for (const text of ['h\u00e9llo', '\u{1F600} seccomp', '{"names":["read"]}', 'x'.repeat(12_345), '\0in\0between\0'])
      expect(sha256(text)).toBe(reference(text));
    expect(nodeSha256('\u{1F600}')).toBe(reference('\u{1F600}'));
  });

  it('takes only a string or a Uint8Array', () => {
    expect(() => sha256(5 as unknown as string)).toThrow(/must be a string or a Uint8Array/);
    expect(() => sha256([1, 2] as unknown as Uint8Array)).toThrow(/must be a string or a Uint8Array/);
  });
});

describe('without the addon\'s SHA-256', () => {
  it('is undefined when the addon does not load or has no sha256 (node:crypto\'s is used)', () => {
    expect(addonSha256(() => { throw new Error('no addon'); })).toBeUndefined();
    expect(addonSha256(() => ({}) as NativeBinding)).toBeUndefined();
  });
});

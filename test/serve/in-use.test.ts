/** A retired rule set closes only after the last use that took it, and once. */
import { describe, expect, it } from 'vitest';
import { inUse } from '../../engine/serve/in-use.js';

describe('inUse', () => {
  it('defers the close until running uses settle, and closes once', async () => {
    let closes = 0;
    const held = inUse('rules', () => closes++);
    let finish!: () => void;
    const running = held.use(async (value) => {
      await new Promise<void>((resolve) => (finish = resolve));
      return value;
    });
    const failing = held.use(async () => {
      throw new Error('the audit failed');
    });
    await expect(failing).rejects.toThrow('the audit failed');
    const retired = held.retire();
    expect(closes).toBe(0);
    finish();
    expect(await running).toBe('rules');
    await retired;
    expect(closes).toBe(1);
    await held.retire();
    expect(closes).toBe(1);
  });

  it('closes at once when nothing uses it', async () => {
    let closes = 0;
    await inUse(1, () => closes++).retire();
    expect(closes).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { createProgress, progressLine } from '../../reports/progress.js';
import type { ProgressStream } from '../../reports/progress.js';

function fakeStream(isTTY: boolean, columns = 80): ProgressStream & { chunks: string[] } {
  const chunks: string[] = [];
  return { isTTY, columns, chunks, write: (c: string) => chunks.push(c) };
}

describe('progress', () => {
  it('draws nothing when stderr is not a terminal', () => {
    const stream = fakeStream(false);
    const progress = createProgress(1000, { stream });
    for (let i = 0; i < 1000; i++) progress.tick();
    progress.done();
    expect(progress.visible).toBe(false);
    expect(stream.chunks).toEqual([]);
  });

  it('draws nothing for a few hundred inputs or fewer', () => {
    const stream = fakeStream(true);
    const progress = createProgress(300, { stream });
    progress.tick(300);
    progress.done();
    expect(stream.chunks).toEqual([]);
  });

  it('redraws at most once per interval, always at the end, and erases itself', () => {
    const stream = fakeStream(true);
    let clock = 0;
    const progress = createProgress(1000, { stream, now: () => clock, intervalMs: 100 });
    for (let i = 0; i < 1000; i++) {
      clock += 1;
      progress.tick();
    }
    progress.done();
    progress.done();
    expect(stream.chunks.length).toBe(11 + 1);
    expect(stream.chunks.at(-2)).toBe('\rcaplint audit [########################################] 1000/1000 100%');
    expect(stream.chunks.at(-1)).toBe('\r\u001b[2K');
  });

  it('fits the terminal width', () => {
    expect(progressLine('caplint audit', 120, 500, 60)).toBe('caplint audit [#######-----------------------] 120/500  24%');
    expect(progressLine('caplint audit', 120, 500, 60).length).toBeLessThan(60);
    expect(progressLine('caplint audit', 1, 500, 20).length).toBeLessThan(20);
  });
});

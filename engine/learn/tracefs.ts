/**
 * Finding tracefs: where it is mounted, or a private mount made for one
 * learning run (and removed after it). Root only.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Tracefs {
  readonly root: string;
  /** Unmounts it when this run mounted it. */
  release(): void;
}

function mounted(): string | undefined {
  let text: string;
  try {
    text = readFileSync('/proc/self/mounts', 'utf8');
  } catch {
    return undefined;
  }
  const line = text.split('\n').map((l) => l.split(' ')).find((f) => f[2] === 'tracefs');
  return line?.[1]?.replace(/\\040/g, ' ');
}

/** tracefs, or the reason it cannot be had. */
export function openTracefs(): Tracefs | string {
  const found = mounted();
  if (found && existsSync(join(found, 'instances'))) return { root: found, release: () => {} };
  const dir = mkdtempSync(join(tmpdir(), 'caplint-tracefs-'));
  try {
    execFileSync('mount', ['-t', 'tracefs', 'tracefs', dir], { stdio: 'pipe' });
  } catch (error) {
    rmdirSync(dir);
    const detail = (error as { stderr?: Buffer }).stderr?.toString().trim() || (error instanceof Error ? error.message : String(error));
    return `tracefs is not mounted and mounting it failed (${detail})`;
  }
  return {
    root: dir,
    release() {
      try {
        execFileSync('umount', [dir], { stdio: 'pipe' });
        rmdirSync(dir);
      } catch {
        // left mounted: harmless, and nothing better to do at exit
      }
    },
  };
}

/** Compiles test/helpers/syscall-probe.c with cc into a temp dir, once per test file. */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const IS_ROOT = process.getuid?.() === 0;
export const ROOT_SKIP_REASON = 'needs root (CAP_SETPCAP to drop the bounding set); run the suite as root';

export interface Probe {
  readonly binary: string;
  readonly dir: string;
  /** A fresh output file path inside the temp dir. */
  outFile(name: string): string;
  read(name: string): string;
  cleanup(): void;
}

export function buildProbe(): Probe {
  const dir = mkdtempSync(join(tmpdir(), 'caplint-probe-'));
  chmodSync(dir, 0o1777); // children that switch to uid 65534 run the probe and write their output here
  const binary = join(dir, 'probe');
  const source = fileURLToPath(new URL('./syscall-probe.c', import.meta.url));
  execFileSync('cc', ['-O2', '-pthread', '-o', binary, source], { stdio: 'pipe' });
  return {
    binary,
    dir,
    outFile: (name) => join(dir, name),
    read: (name) => readFileSync(join(dir, name), 'utf8'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Parses the probe's `status` output into a map of field → value. */
export function statusFields(text: string): Map<string, string> {
  return new Map(text.trim().split('\n').map((line) => {
    const [key, value] = line.split(':');
    return [key!.trim(), (value ?? '').trim()] as const;
  }));
}

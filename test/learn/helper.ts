/** Builds test/fixtures/learn/learn-helper.c with cc into a temp dir (world-readable, for setpriv runs). */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { caplintProcess } from '../helpers/cli.js';
import type { Ran } from '../helpers/cli.js';

export interface LearnBench {
  readonly dir: string;
  readonly helper: string;
  /** `caplint learn -o DIR/NAME.json ARGS -- CMD`, run as a process. */
  learn(name: string, command: readonly string[], extra?: readonly string[]): Ran & { profile: Record<string, unknown>; seccomp: SeccompJson };
  cleanup(): void;
}

export interface SeccompJson {
  readonly archMap: { architecture: string; subArchitectures: string[] }[];
  readonly syscalls: { names: string[]; action: string; args?: { index: number; op: string; value: number; valueTwo?: number }[]; errnoRet?: number }[];
}

export function allowedNames(seccomp: SeccompJson): string[] {
  return seccomp.syscalls.filter((s) => s.action === 'SCMP_ACT_ALLOW').flatMap((s) => s.names);
}

export function buildLearnBench(): LearnBench {
  const dir = mkdtempSync(join(tmpdir(), 'caplint-learn-'));
  chmodSync(dir, 0o1777);
  const helper = join(dir, 'learn-helper');
  const source = fileURLToPath(new URL('../fixtures/learn/learn-helper.c', import.meta.url));
  execFileSync('cc', ['-O2', '-pthread', '-o', helper, source], { stdio: 'pipe' });
  return {
    dir,
    helper,
    learn(name, command, extra = []) {
      const output = join(dir, `${name}.json`);
      const ran = caplintProcess(['learn', '-o', output, ...extra, '--', ...command], { cwd: dir });
      const read = (file: string) => {
        try {
          return JSON.parse(readFileSync(file, 'utf8'));
        } catch {
          return {};
        }
      };
      return { ...ran, profile: read(output), seccomp: read(join(dir, `${name}.seccomp.json`)) };
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

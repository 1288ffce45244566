/**
 * The CLI as a separate process (for tests that change uid or send signals):
 * compiled once per test file into test-artifacts/, run with node.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface BuiltCli {
  /** argv for spawn: node -e ... caplint ARGS */
  argv(args: readonly string[]): string[];
  cleanup(): void;
}

export function buildCli(): BuiltCli {
  mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
  const out = mkdtempSync(join(ROOT, 'test-artifacts', 'cli-'));
  chmodSync(out, 0o755); // tests run it as uid 65534 too
  try {
    execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', out], { stdio: 'pipe' });
  } catch {
    // tsc exits non-zero for errors elsewhere in the tree but still emits; what matters is that main.js exists.
  }
  const main = pathToFileURL(join(out, 'engine/cli/main.js')).href;
  const io = pathToFileURL(join(out, 'engine/cli/io.js')).href;
  const script = `const { main } = await import(${JSON.stringify(main)}); const { processIo } = await import(${JSON.stringify(io)}); process.exitCode = await main(process.argv.slice(1), processIo());`;
  return {
    argv: (args) => [process.execPath, '--input-type=module', '-e', script, ...args],
    cleanup: () => rmSync(out, { recursive: true, force: true }),
  };
}

export function runSync(argv: readonly string[], cwd = ROOT): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(argv[0]!, argv.slice(1), { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export { spawn };

export const UNPRIVILEGED = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];
export const HAS_SETPRIV = spawnSync('setpriv', ['--version'], { stdio: 'ignore' }).status === 0;

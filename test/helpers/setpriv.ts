/**
 * The CLI as its own process for tests that change uid (setpriv) or send it
 * signals. It runs bin/caplint.js, so it needs `npm run build` (`npm test` runs it).
 */
import { spawnSync } from 'node:child_process';
import { BIN } from './cli.js';

export const UNPRIVILEGED = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];
export const HAS_SETPRIV = spawnSync('setpriv', ['--version'], { stdio: 'ignore' }).status === 0;
export const HAS_SCRIPT = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;

/** argv that runs `caplint ARGS` with this Node. */
export function cliArgv(args: readonly string[]): string[] {
  return [process.execPath, BIN, ...args];
}

export function runSync(argv: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * PATH search, done in the parent so the child execs one file. Like a shell:
 * the first executable regular file wins; a found file that is not executable
 * is still returned (execve then fails with EACCES: exit 126); none is null (127).
 */
import { accessSync, constants, statSync } from 'node:fs';
import { join } from 'node:path';

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function resolveCommand(command: string, pathVariable: string | undefined, cwd: string): string | null {
  if (command.includes('/')) return command;
  let found: string | null = null;
  for (const dir of (pathVariable ?? DEFAULT_PATH).split(':')) {
    const candidate = join(dir === '' ? cwd : dir, command);
    if (!isFile(candidate)) continue;
    if (isExecutable(candidate)) return candidate;
    found ??= candidate;
  }
  return found;
}

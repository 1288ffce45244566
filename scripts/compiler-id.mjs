/**
 * The identity of the seccomp compiler in this source tree: a SHA-256 over
 * every source file whose change can change a compiled program, and the
 * package version. Programs compiled under another identity are never reused.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const INPUTS = ['enforcer/bpf', 'engine/seccomp', 'engine/linux/syscalls', 'engine/run/seccomp-compile.ts', 'engine/run/bpf-cache/key.ts'];

function files(root, relative) {
  const path = join(root, relative);
  if (relative.endsWith('.ts')) return [relative];
  return readdirSync(path, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath ?? e.path, e.name).slice(root.length + 1));
}

export function compilerId(root) {
  const hash = createHash('sha256');
  hash.update(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  for (const file of INPUTS.flatMap((i) => files(root, i)).sort()) hash.update(`\0${file}\0`).update(readFileSync(join(root, file)));
  return hash.digest('hex');
}

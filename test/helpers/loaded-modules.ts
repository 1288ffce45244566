/**
 * Which files a real CLI run loaded: a --require hook records every module in
 * Node's CommonJS cache at exit (the bundled CLI loads its dependencies
 * through require), so a test can assert what a command leaves unloaded.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const HOOK = `process.on('exit', () => require('node:fs').writeFileSync(process.env.CAPLINT_TEST_LOADED, JSON.stringify({ files: Object.keys(require.cache), builtins: process.moduleLoadList })));\n`;

export interface LoadedRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Package names from node_modules that were loaded (e.g. "yaml", "typescript"). */
  readonly packages: readonly string[];
  readonly files: readonly string[];
  /** Node's built-in modules that were loaded ("net", "internal/fs/promises", ...), from process.moduleLoadList. */
  readonly builtins: readonly string[];
}

export function runRecordingModules(args: readonly string[], input?: string): LoadedRun {
  const dir = mkdtempSync(join(tmpdir(), 'caplint-loaded-'));
  try {
    const hook = join(dir, 'hook.cjs');
    const out = join(dir, 'loaded.json');
    writeFileSync(hook, HOOK);
    const r = spawnSync(process.execPath, ['--require', hook, join(ROOT, 'bin/caplint.js'), ...args], {
      cwd: ROOT, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CAPLINT_TEST_LOADED: out },
    });
    const { files, builtins } = JSON.parse(readFileSync(out, 'utf8')) as { files: string[]; builtins: string[] };
    const packages = [...new Set(files.map((f) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f)?.[1]).filter((p): p is string => p !== undefined))].sort();
    const modules = builtins.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice('NativeModule '.length));
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, packages, files, builtins: modules };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

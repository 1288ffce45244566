/**
 * Expand command-line paths into input texts: files, directories (walked
 * recursively, symlink loops cut by real path) and `-` for stdin. Every
 * problem becomes an InputError; the other inputs are still read.
 */
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { InputError } from '../model/finding.js';
import { describeFsError } from '../errors.js';
import { detectFormat, isCandidateFile } from './detect.js';
import type { InputText } from './format.js';

export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

export interface CollectOptions {
  readonly cwd: string;
  readonly maxBytes: number;
  readStdin(): Promise<string>;
}

export interface Collected {
  readonly inputs: InputText[];
  readonly errors: InputError[];
}

export async function collectInputs(paths: readonly string[], options: CollectOptions): Promise<Collected> {
  const inputs: InputText[] = [];
  const errors: InputError[] = [];
  const fail = (file: string, message: string) => errors.push({ file, line: null, column: null, message });
  for (const path of paths) {
    if (path === '-') {
      inputs.push({ file: '<stdin>', text: await options.readStdin() });
      continue;
    }
    const absolute = resolve(options.cwd, path);
    let info;
    try {
      info = await stat(absolute);
    } catch (error) {
      fail(path, `cannot read: ${describeFsError(error)}`);
      continue;
    }
    if (info.isDirectory()) {
      const before = inputs.length;
      await walk(path, absolute, new Set(), inputs, options, fail);
      if (inputs.length === before && !errors.some((e) => e.file.startsWith(path)))
        fail(path, 'the directory holds no container config to audit (config.json, Kubernetes or compose YAML, docker inspect JSON)');
      continue;
    }
    const text = await readLimited(path, absolute, info.size, options.maxBytes, fail);
    if (text !== undefined) inputs.push({ file: path, text });
  }
  return { inputs, errors };
}

async function walk(
  shown: string, absolute: string, seen: Set<string>, out: InputText[], options: CollectOptions,
  fail: (file: string, message: string) => void,
): Promise<void> {
  let real: string;
  try {
    real = await realpath(absolute);
  } catch (error) {
    fail(shown, `cannot read: ${describeFsError(error)}`);
    return;
  }
  if (seen.has(real)) return; // a symlink loop, or a directory reached twice
  seen.add(real);
  let entries;
  try {
    entries = await readdir(absolute, { withFileTypes: true });
  } catch (error) {
    fail(shown, `cannot read the directory: ${describeFsError(error)}`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // Files are read a few at a time (a tree of small compose files is otherwise one round trip each),
  // and taken in name order, their errors too.
  const pending: { shown: string; name: string; read: Promise<string | undefined>; failures: [string, string][] }[] = [];
  const drain = async () => {
    for (const p of pending.splice(0)) {
      const text = await p.read;
      for (const [file, message] of p.failures) fail(file, message);
      // Other YAML and JSON files in a tree (CI workflows, package.json) are skipped unless they sniff as a format.
      if (text !== undefined && (p.name === 'config.json' || detectFormat(text, p.shown))) out.push({ file: p.shown, text });
    }
  };
  for (const entry of entries) {
    const childShown = join(shown, entry.name);
    const childAbsolute = join(absolute, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    let size = -1;
    if (entry.isSymbolicLink()) {
      try {
        const target = await stat(childAbsolute);
        isDir = target.isDirectory();
        isFile = target.isFile();
        size = target.size;
      } catch (error) {
        if (isCandidateFile(entry.name)) fail(childShown, `cannot read: ${describeFsError(error)}`);
        continue;
      }
    }
    if (isDir) {
      await drain();
      await walk(childShown, childAbsolute, seen, out, options, fail);
    } else if (isFile && isCandidateFile(entry.name)) {
      const failures: [string, string][] = [];
      pending.push({ shown: childShown, name: entry.name, failures, read: readLimited(childShown, childAbsolute, size, options.maxBytes, (f, m) => failures.push([f, m])) });
      if (pending.length >= 16) await drain();
    }
  }
  await drain();
}

async function readLimited(
  shown: string, absolute: string, knownSize: number, maxBytes: number, fail: (file: string, message: string) => void,
): Promise<string | undefined> {
  let handle;
  try {
    handle = await open(absolute, 'r');
    const size = knownSize >= 0 ? knownSize : (await handle.stat()).size;
    if (size > maxBytes) {
      fail(shown, `the file is ${mib(size)}, over the ${mib(maxBytes)} limit for one input (raise it with --max-bytes)`);
      return undefined;
    }
    return await handle.readFile({ encoding: 'utf8' });
  } catch (error) {
    fail(shown, `cannot read: ${describeFsError(error)}`);
    return undefined;
  } finally {
    await handle?.close();
  }
}

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/**
 * Expand command-line paths into input texts: files, directories (walked
 * recursively, symlink loops cut by real path) and `-` for stdin. Every
 * problem becomes an InputError; the other inputs are still read.
 * Files are read synchronously: for thousands of small configs, a round trip
 * through the thread pool per file costs more than the read.
 */
import { closeSync, fstatSync, openSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { InputError } from '../model/finding.js';
import { describeFsError } from '../errors.js';
import { isCandidateFile } from './detect.js';
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
      info = statSync(absolute);
    } catch (error) {
      fail(path, `cannot read: ${describeFsError(error)}`);
      continue;
    }
    if (info.isDirectory()) {
      const before = inputs.length;
      walk(path, absolute, new Set(), inputs, options, fail);
      if (inputs.length === before && !errors.some((e) => e.file.startsWith(path)))
        fail(path, 'the directory holds no config.json to audit');
      continue;
    }
    const text = readLimited(path, absolute, info.size, options.maxBytes, fail);
    if (text !== undefined) inputs.push({ file: path, text });
  }
  return { inputs, errors };
}

function walk(
  shown: string, absolute: string, seen: Set<string>, out: InputText[], options: CollectOptions,
  fail: (file: string, message: string) => void,
): void {
  let real: string;
  try {
    real = realpathSync(absolute);
  } catch (error) {
    fail(shown, `cannot read: ${describeFsError(error)}`);
    return;
  }
  if (seen.has(real)) return; // a symlink loop, or a directory reached twice
  seen.add(real);
  let entries;
  try {
    entries = readdirSync(absolute, { withFileTypes: true });
  } catch (error) {
    fail(shown, `cannot read the directory: ${describeFsError(error)}`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const childShown = join(shown, entry.name);
    const childAbsolute = join(absolute, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    let size = -1;
    if (entry.isSymbolicLink()) {
      try {
        const target = statSync(childAbsolute);
        isDir = target.isDirectory();
        isFile = target.isFile();
        size = target.size;
      } catch (error) {
        if (isCandidateFile(entry.name)) fail(childShown, `cannot read: ${describeFsError(error)}`);
        continue;
      }
    }
    if (isDir) walk(childShown, childAbsolute, seen, out, options, fail);
    else if (isFile && isCandidateFile(entry.name)) {
      const text = readLimited(childShown, childAbsolute, size, options.maxBytes, fail);
      if (text !== undefined) out.push({ file: childShown, text });
    }
  }
}

function readLimited(
  shown: string, absolute: string, knownSize: number, maxBytes: number, fail: (file: string, message: string) => void,
): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(absolute, 'r');
    const size = knownSize >= 0 ? knownSize : fstatSync(fd).size;
    if (size > maxBytes) {
      fail(shown, `the file is ${mib(size)}, over the ${mib(maxBytes)} limit for one input (raise it with --max-bytes)`);
      return undefined;
    }
    return readFileSync(fd, 'utf8');
  } catch (error) {
    fail(shown, `cannot read: ${describeFsError(error)}`);
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/**
 * Expand command-line paths into input texts: files, directories (walked
 * recursively, symlink loops cut by real path) and `-` for stdin. Every
 * problem becomes an InputError; the other inputs are still read.
 * Files are read synchronously: for thousands of small configs, a round trip
 * through the thread pool per file costs more than the read.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { InputError } from '../model/finding.js';
import { describeFsError } from '../errors.js';
import { detectFormat, isCandidateFile } from './detect.js';
import type { InputText } from './format.js';
import { DEFAULT_MAX_BYTES, ReadRefused, readUserText } from './bounded-read.js';
import type { ReadLimits } from './bounded-read.js';

export { DEFAULT_MAX_BYTES };

export interface CollectOptions {
  readonly cwd: string;
  readonly maxBytes: number;
  readStdin(limits?: ReadLimits): Promise<string>;
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
      const text = await readStdin(options, fail);
      if (text !== undefined) inputs.push({ file: '<stdin>', text });
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
        fail(path, 'the directory holds no container config to audit (config.json, Kubernetes or compose YAML, docker inspect JSON)');
      continue;
    }
    const text = readLimited(path, absolute, options.maxBytes, fail);
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
    if (entry.isSymbolicLink()) {
      try {
        const target = statSync(childAbsolute);
        isDir = target.isDirectory();
        isFile = target.isFile();
      } catch (error) {
        if (isCandidateFile(entry.name)) fail(childShown, `cannot read: ${describeFsError(error)}`);
        continue;
      }
    }
    if (isDir) walk(childShown, childAbsolute, seen, out, options, fail);
    else if (isFile && isCandidateFile(entry.name)) {
      const text = readLimited(childShown, childAbsolute, options.maxBytes, fail);
      // Other YAML and JSON files in a tree (CI workflows, package.json) are skipped unless they sniff as a format.
      if (text !== undefined && (entry.name === 'config.json' || detectFormat(text, childShown))) out.push({ file: childShown, text });
    }
  }
}

function readLimited(shown: string, absolute: string, maxBytes: number, fail: (file: string, message: string) => void): string | undefined {
  try {
    return readUserText(absolute, { maxBytes });
  } catch (error) {
    fail(shown, refusal(error));
    return undefined;
  }
}

async function readStdin(options: CollectOptions, fail: (file: string, message: string) => void): Promise<string | undefined> {
  try {
    const text = await options.readStdin({ maxBytes: options.maxBytes });
    if (Buffer.byteLength(text) <= options.maxBytes) return text;
    throw new ReadRefused(`more than the ${(options.maxBytes / (1024 * 1024)).toFixed(1)} MiB limit for one input arrived`, 'too-large');
  } catch (error) {
    fail('<stdin>', refusal(error));
    return undefined;
  }
}

function refusal(error: unknown): string {
  if (error instanceof ReadRefused && error.reason === 'too-large') return `${error.message} (raise it with --max-bytes)`;
  return `cannot read: ${describeFsError(error)}`;
}

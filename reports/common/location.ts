/** Where a finding or error is, as reports print it: paths relative to the working directory. */
import { isAbsolute, normalize, relative, sep } from 'node:path';
import type { Finding, InputError } from '../../engine/model/finding.js';

export const STDIN = '<stdin>';

/** `file` relative to `cwd` with `/` separators; `<stdin>` stays as it is. */
export function relativePath(file: string, cwd: string): string {
  if (file === STDIN) return file;
  const rel = isAbsolute(file) ? relative(cwd, file) : normalize(file);
  return (rel === '' ? '.' : rel).split(sep).join('/');
}

type Placed = Pick<Finding, 'file' | 'line' | 'column'> | InputError;

/** `config.json:41:9`, `config.json`, `<stdin>:3:1`; null for a live process. */
export function locationLabel(item: Placed, cwd: string): string | null {
  if (item.file === null) return null;
  let label = relativePath(item.file, cwd);
  if (item.line !== null) label += `:${item.line}`;
  if (item.line !== null && item.column !== null) label += `:${item.column}`;
  return label;
}

/** A finding's place, or its subject (`pid 4242 (nginx)`) when it has no file. */
export function findingPlace(finding: Finding, cwd: string): string {
  return locationLabel(finding, cwd) ?? finding.subject;
}

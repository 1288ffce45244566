/**
 * The baseline file: findings a team has accepted, keyed on what stays put
 * when unrelated lines move (file, subject, rule, JSON pointer and message),
 * each with the time it was accepted.
 */
import { writeFileSync } from 'node:fs';
import { readUserText } from '../inputs/bounded-read.js';
import { relative, resolve, sep } from 'node:path';
import type { Finding, Severity } from '../model/finding.js';
import { CaplintError, describeFsError } from '../errors.js';
import { parseJson } from '../inputs/json-document.js';

export interface BaselineEntry {
  readonly file: string | null;
  readonly subject: string;
  readonly ruleId: string;
  readonly pointer: string | null;
  readonly message: string;
  readonly severity: Severity;
  readonly acceptedAt: string;
}

export interface BaselineFile {
  readonly version: 1;
  readonly entries: readonly BaselineEntry[];
}

/** The key of a finding or an entry; `file` is relative to the working directory. */
export function baselineKey(item: Pick<BaselineEntry, 'file' | 'subject' | 'ruleId' | 'pointer' | 'message'>): string {
  return JSON.stringify([item.file, item.subject, item.ruleId, item.pointer, item.message]);
}

export function portablePath(file: string | null, cwd: string): string | null {
  if (file === null || file === '<stdin>') return file;
  return relative(cwd, resolve(cwd, file)).split(sep).join('/');
}

export function readBaseline(path: string, cwd: string): BaselineFile | undefined {
  let text: string;
  try {
    text = readUserText(resolve(cwd, path));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CaplintError(`cannot read the baseline: ${describeFsError(error)}`, { file: path });
  }
  const doc = parseJson(path, text);
  const value = doc.value as Partial<BaselineFile>;
  if (value?.version !== 1 || !Array.isArray(value.entries)) {
    const span = doc.span(value?.version !== 1 ? '/version' : '/entries');
    throw new CaplintError('not a caplint baseline: expected {"version": 1, "entries": [...]}', { file: path, line: span?.line ?? 1, column: span?.column ?? 1 });
  }
  value.entries.forEach((entry, i) => {
    if (typeof entry?.ruleId !== 'string' || typeof entry.subject !== 'string' || typeof entry.message !== 'string') {
      const span = doc.span(`/entries/${i}`);
      throw new CaplintError('a baseline entry needs ruleId, subject and message strings', { file: path, line: span?.line ?? null, column: span?.column ?? null });
    }
  });
  return value as BaselineFile;
}

/** Accept every current finding; keep the acceptance time of entries that still match. */
export function writeBaseline(path: string, cwd: string, findings: readonly Finding[], previous: BaselineFile | undefined, now: Date): number {
  const accepted = new Map((previous?.entries ?? []).map((e) => [baselineKey(e), e.acceptedAt]));
  const entries = findings.map((f): BaselineEntry => {
    const base = { file: portablePath(f.file, cwd), subject: f.subject, ruleId: f.ruleId, pointer: f.pointer, message: f.message };
    return { ...base, severity: f.severity, acceptedAt: accepted.get(baselineKey(base)) ?? now.toISOString() };
  });
  const unique = [...new Map(entries.map((e) => [baselineKey(e), e])).values()];
  unique.sort((a, b) => (baselineKey(a) < baselineKey(b) ? -1 : 1));
  try {
    writeFileSync(resolve(cwd, path), `${JSON.stringify({ version: 1, entries: unique }, null, 2)}\n`);
  } catch (error) {
    throw new CaplintError(`cannot write the baseline: ${describeFsError(error)}`, { file: path });
  }
  return unique.length;
}

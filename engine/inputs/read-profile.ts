/**
 * Reading a seccomp profile a config names by path (Kubernetes Localhost
 * profiles, compose `seccomp=FILE`): inputs read files, rules never do.
 */
import { resolve } from 'node:path';
import type { SeccompState } from '../model/subject.js';
import { describeFsError, CaplintError } from '../errors.js';
import { parseJson } from './json-document.js';
import { readUserText } from './bounded-read.js';

export type ProfileResult = { readonly state: SeccompState; readonly error?: string };

export function readSeccompProfile(base: string, path: string, shown = path): ProfileResult {
  let text: string;
  try {
    text = readUserText(resolve(base, path));
  } catch (error) {
    return { state: { mode: 'unknown', reason: `the profile ${shown} could not be read` }, error: `cannot read the seccomp profile ${shown}: ${describeFsError(error)}` };
  }
  try {
    const document = parseJson(shown, text);
    return { state: { mode: 'filter', profile: { format: 'docker', document: document.value, pointer: '', file: shown } } };
  } catch (error) {
    const where = error instanceof CaplintError && error.place?.line ? `${shown}:${error.place.line}:${error.place.column ?? 1}: ` : `${shown}: `;
    return { state: { mode: 'unknown', reason: `the profile ${shown} is not valid JSON` }, error: `${where}${error instanceof Error ? error.message : String(error)}` };
  }
}

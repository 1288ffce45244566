/**
 * Format detection by content: a cheap look at the text, no parse. Each
 * format's loader then validates for real.
 */
import type { InputFormatName } from './format.js';
import { parseJson } from './json-document.js';
import { CaplintError } from '../errors.js';

const KUBE_API = /^[ \t-]*apiVersion:[ \t]*\S/m;
const KUBE_KIND = /^[ \t-]*kind:[ \t]*\S/m;
const COMPOSE = /^services:[ \t]*(?:#.*)?$/m;

/** Which format a text is, or undefined when nothing claims it; the whole text is read (it is already within --max-bytes). */
export function detectFormat(text: string, _file: string): InputFormatName | undefined {
  const head = text;
  const first = head.trimStart().charAt(0);
  if (first === '{' || first === '[') {
    if (/"ociVersion"\s*:/.test(head)) return 'oci';
    if (first === '[' && /"HostConfig"\s*:/.test(head)) return 'docker';
    if (/"apiVersion"\s*:/.test(head) && /"kind"\s*:/.test(head)) return 'kubernetes';
    if (/"services"\s*:/.test(head)) return 'compose';
    return undefined;
  }
  if (COMPOSE.test(head) && !/^apiVersion:/m.test(head)) return 'compose';
  if (KUBE_API.test(head) && KUBE_KIND.test(head)) return 'kubernetes';
  return undefined;
}

/** File names worth reading when walking a directory (all but config.json must also sniff as a format). */
export function isCandidateFile(name: string): boolean {
  return name === 'config.json' || /\.(ya?ml|json)$/i.test(name);
}

/** The error for a text no format claims: a JSON syntax error where it is JSON-ish, else what was expected. */
export function unrecognised(input: { file: string; text: string }): { file: string; line: number | null; column: number | null; message: string } {
  const first = input.text.trimStart().charAt(0);
  if (first === '{' || first === '[') {
    try {
      JSON.parse(input.text);
    } catch {
      // Let the JSON reader place the syntax error.
      return jsonSyntaxError(input);
    }
  }
  return {
    file: input.file,
    line: 1,
    column: 1,
    message: 'not a container config caplint reads: expected an OCI runtime config (JSON with "ociVersion"), Kubernetes manifests (apiVersion and kind), a compose file (services:) or `docker inspect` output (--input-format forces one)',
  };
}

function jsonSyntaxError(input: { file: string; text: string }) {
  try {
    parseJson(input.file, input.text);
  } catch (error) {
    if (error instanceof CaplintError) return { file: input.file, line: error.place?.line ?? null, column: error.place?.column ?? null, message: error.message };
  }
  return { file: input.file, line: 1, column: 1, message: 'not valid JSON' };
}

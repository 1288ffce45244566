/**
 * What `caplint run --config` takes from an OCI runtime config: the five
 * capability sets, noNewPrivileges, the user and linux.seccomp. A set the
 * config leaves out is empty, as runc reads it.
 */
import { readUserText } from '../inputs/bounded-read.js';
import { CaplintError, describeFsError } from '../errors.js';
import { parseJson } from '../inputs/json-document.js';
import type { JsonDocument } from '../inputs/json-document.js';
import { normaliseCapability } from '../linux/capabilities.js';
import { CAP_SETS } from '../model/subject.js';
import type { CapSetName } from '../model/subject.js';

export interface OciProcess {
  readonly file: string;
  readonly document: JsonDocument;
  readonly capabilities: Readonly<Record<CapSetName, readonly string[]>> | undefined;
  readonly noNewPrivileges: boolean | undefined;
  readonly user: { readonly uid: number; readonly gid: number } | undefined;
  /** linux.seccomp as written, or undefined (runc then attaches no filter). */
  readonly seccomp: unknown;
}

function at(doc: JsonDocument, pointer: string, message: string): CaplintError {
  const span = doc.span(pointer);
  return new CaplintError(message, { file: doc.file, line: span?.line ?? 1, column: span?.column ?? 1 });
}

export function readOciProcess(file: string): OciProcess {
  let text: string;
  try {
    text = readUserText(file);
  } catch (error) {
    throw new CaplintError(`cannot read the OCI config: ${describeFsError(error)}`, { file });
  }
  const doc = parseJson(file, text);
  const root = doc.value as { process?: Record<string, unknown>; linux?: { seccomp?: unknown } } | null;
  if (typeof root !== 'object' || root === null) throw at(doc, '', 'an OCI config is a JSON object');
  const proc = root.process ?? {};
  let capabilities: Record<CapSetName, string[]> | undefined;
  if (proc.capabilities !== undefined) {
    const written = proc.capabilities as Record<string, unknown>;
    capabilities = { bounding: [], permitted: [], effective: [], inheritable: [], ambient: [] };
    for (const set of CAP_SETS) {
      const list = written[set] ?? [];
      if (!Array.isArray(list)) throw at(doc, `/process/capabilities/${set}`, `process.capabilities.${set} must be an array of capability names`);
      list.forEach((name: unknown, i) => {
        const canonical = typeof name === 'string' ? normaliseCapability(name) : undefined;
        if (!canonical) throw at(doc, `/process/capabilities/${set}/${i}`, `${JSON.stringify(name)} is not a capability`);
        capabilities![set].push(canonical);
      });
    }
  }
  const nnp = proc.noNewPrivileges;
  if (nnp !== undefined && typeof nnp !== 'boolean') throw at(doc, '/process/noNewPrivileges', 'process.noNewPrivileges must be true or false');
  const user = proc.user as { uid?: unknown; gid?: unknown } | undefined;
  const id = (v: unknown, name: string): number => {
    if (v === undefined) return 0;
    if (!Number.isInteger(v) || (v as number) < 0 || (v as number) > 0xfffffffe) throw at(doc, `/process/user/${name}`, `process.user.${name} must be a uid/gid number`);
    return v as number;
  };
  return {
    file,
    document: doc,
    capabilities,
    noNewPrivileges: nnp as boolean | undefined,
    user: user ? { uid: id(user.uid, 'uid'), gid: id(user.gid, 'gid') } : undefined,
    seccomp: root.linux?.seccomp,
  };
}

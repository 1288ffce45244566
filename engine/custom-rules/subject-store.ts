/**
 * The subjects of a batch, parsed once in a context of their own and shared
 * by every rule file's context. Rule code never holds these objects: each
 * file sees them through read-only views made in its own context (the
 * prelude's `view`), so no file can change what another sees, and the
 * store's intrinsics are frozen and it generates no code, so nothing
 * reachable from a subject's prototype chain can be changed or run either.
 * Seccomp profile documents are parsed and deep-frozen here once per run.
 */
import { createContext, Script } from 'node:vm';
import type { Context } from 'node:vm';
import { DEEP_FREEZE, FREEZE_INTRINSICS } from './prelude.js';

const STORE = new Script(`'use strict';
(() => {
  const G = globalThis;
  for (const name of ['__in_subjects', '__in_documents']) Object.defineProperty(G, name, { value: '', writable: true, enumerable: false, configurable: false });
  ${FREEZE_INTRINSICS}
  const { parse } = JSON;
  const { freeze } = Object;
  ${DEEP_FREEZE}
  const documents = new Map();
  Object.defineProperty(G, '__store', { value: freeze({
    add: (json) => { for (const [id, text] of parse(json)) documents.set(id, deepFreeze(parse(text))); },
    load: (json) => {
      const subjects = parse(json);
      for (const subject of subjects) {
        const profile = subject && subject.seccomp && subject.seccomp.profile;
        if (profile && profile.document && typeof profile.document.$document === 'number') profile.document = documents.get(profile.document.$document);
      }
      return subjects;
    },
  }) });
})();`);
const ADD = new Script('__store.add(__in_documents)');
const LOAD = new Script('__store.load(__in_subjects)');

export class SubjectStore {
  private readonly globals: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  private readonly context: Context;

  constructor() {
    this.context = createContext(this.globals, { codeGeneration: { strings: false, wasm: false } });
    STORE.runInContext(this.context);
  }

  /** Documents as [id, JSON text], referred to by subjects as {"$document": id}. */
  addDocuments(documents: readonly (readonly [number, string])[]): void {
    if (documents.length === 0) return;
    this.globals.__in_documents = JSON.stringify(documents);
    ADD.runInContext(this.context);
  }

  /** The batch's subjects (each already JSON text), parsed: an array of the store's own objects. */
  load(subjects: readonly string[]): readonly unknown[] {
    this.globals.__in_subjects = `[${subjects.join(',')}]`;
    const parsed: unknown = LOAD.runInContext(this.context);
    this.globals.__in_subjects = '';
    if (!Array.isArray(parsed) || parsed.length !== subjects.length) throw new Error('the subjects could not be parsed');
    return parsed;
  }
}

/**
 * Kubernetes manifests, YAML (multi-document) or JSON: every workload kind's
 * pod template, one Subject per container. An invalid document is an error
 * for that document only; the others are still audited.
 */
import type { InputFormat, InputResult, InputText, LoadOptions } from '../format.js';
import type { InputError, SkippedObject } from '../../model/finding.js';
import type { LocatedSubject, SourceDocument } from '../../model/located.js';
import { placedError } from '../placed-error.js';
import { readDocuments } from '../read-documents.js';
import { findWorkloads } from './workloads.js';
import { workloadSubjects } from './workload-subjects.js';

const format: InputFormat = {
  name: 'kubernetes',
  load(input: InputText, options?: LoadOptions): InputResult {
    const subjects: LocatedSubject[] = [];
    const errors: InputError[] = [];
    const skipped: SkippedObject[] = [];
    const place = (document: SourceDocument, pointer: string, message: string) => errors.push(placedError(document, pointer, message));
    for (const doc of readDocuments(input)) {
      if ('error' in doc) {
        errors.push(doc.error);
        continue;
      }
      const skip = (pointer: string, kind: string, known: boolean) => skipped.push({ kind, known, file: input.file, line: doc.document.span(pointer)?.line ?? null });
      for (const workload of findWorkloads(doc.value, '', (pointer, message) => place(doc.document, pointer, message), skip)) {
        const result = workloadSubjects(workload, doc.document, options ?? { cwd: process.cwd() }, (pointer, message) => place(doc.document, pointer, message));
        subjects.push(...result);
      }
    }
    return { subjects, errors, skipped };
  },
};

export default format;

/**
 * `docker inspect` output: the JSON array it prints, one Subject per
 * container, named by its Name. A custom seccomp profile appears inline in
 * HostConfig.SecurityOpt (`seccomp={...}`), as the CLI sends it.
 */
import type { InputFormat, InputResult, InputText } from '../format.js';
import type { InputError } from '../../model/finding.js';
import type { LocatedSubject, SourceDocument } from '../../model/located.js';
import { parseJson } from '../json-document.js';
import { CaplintError } from '../../errors.js';
import { join } from '../../model/pointer.js';
import { isRecord } from '../kubernetes/workloads.js';
import { locatedDockerSubject } from '../docker-like/located.js';
import { inspectSettings } from './to-settings.js';

const format: InputFormat = {
  name: 'docker',
  load(input: InputText): InputResult {
    let document;
    try {
      document = parseJson(input.file, input.text);
    } catch (error) {
      if (!(error instanceof CaplintError)) throw error;
      return { subjects: [], errors: [{ file: input.file, line: error.place?.line ?? null, column: error.place?.column ?? null, message: error.message }] };
    }
    const subjects: LocatedSubject[] = [];
    const errors: InputError[] = [];
    const problem = (pointer: string, message: string) => place(errors, document, pointer, message);
    const items = Array.isArray(document.value) ? document.value : [document.value];
    items.forEach((item, i) => {
      const base = Array.isArray(document.value) ? join('', i) : '';
      if (!isRecord(item) || !isRecord(item.HostConfig)) {
        problem(base, 'not `docker inspect` output for a container: expected an object with "HostConfig"');
        return;
      }
      const { settings, place: at } = inspectSettings(item, base, problem);
      subjects.push(locatedDockerSubject(settings, at, document, (pointer, message) => problem(pointer, `${settings.name}: ${message}`)));
    });
    return { subjects, errors };
  },
};

function place(errors: InputError[], document: SourceDocument, pointer: string, message: string): void {
  const span = document.span(pointer);
  errors.push({ file: document.file, line: span?.line ?? null, column: span?.column ?? null, message });
}

export default format;

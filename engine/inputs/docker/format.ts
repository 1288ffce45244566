/**
 * `docker inspect` output: the JSON array it prints, one Subject per
 * container, named by its Name. A custom seccomp profile appears inline in
 * HostConfig.SecurityOpt (`seccomp={...}`), as the CLI sends it.
 */
import type { InputFormat, InputResult, InputText } from '../format.js';
import type { InputError } from '../../model/finding.js';
import type { LocatedSubject } from '../../model/located.js';
import { placedError, readJsonInput } from '../placed-error.js';
import { join } from '../../model/pointer.js';
import { isRecord } from '../kubernetes/workloads.js';
import { locatedDockerSubject } from '../docker-like/located.js';
import { inspectSettings } from './to-settings.js';

const format: InputFormat = {
  name: 'docker',
  load(input: InputText): InputResult {
    const read = readJsonInput(input);
    if ('error' in read) return { subjects: [], errors: [read.error] };
    const { document } = read;
    const subjects: LocatedSubject[] = [];
    const errors: InputError[] = [];
    const problem = (pointer: string, message: string) => errors.push(placedError(document, pointer, message));
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

export default format;

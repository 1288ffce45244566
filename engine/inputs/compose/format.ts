/**
 * Compose files (the Compose specification): one Subject per service, with
 * YAML anchors, merge keys and `extends` within the file resolved. Docker's
 * defaults apply where a service is silent.
 */
import type { InputFormat, InputResult, InputText, LoadOptions } from '../format.js';
import type { InputError } from '../../model/finding.js';
import type { LocatedSubject } from '../../model/located.js';
import { placedError } from '../placed-error.js';
import { readDocuments } from '../read-documents.js';
import { isRecord } from '../kubernetes/workloads.js';
import { resolveService } from './extends.js';
import { composeSettings } from './to-settings.js';
import { locatedDockerSubject } from '../docker-like/located.js';

const format: InputFormat = {
  name: 'compose',
  load(input: InputText, options?: LoadOptions): InputResult {
    const subjects: LocatedSubject[] = [];
    const errors: InputError[] = [];
    for (const doc of readDocuments(input)) {
      if ('error' in doc) {
        errors.push(doc.error);
        continue;
      }
      const problem = (pointer: string, message: string) => errors.push(placedError(doc.document, pointer, message));
      const services = isRecord(doc.value) ? doc.value.services : undefined;
      if (!isRecord(services)) {
        problem(isRecord(doc.value) && 'services' in doc.value ? '/services' : '', 'not a compose file: expected a "services" mapping');
        continue;
      }
      for (const name of Object.keys(services)) {
        const resolved = resolveService(services, name, problem);
        if (!resolved) continue;
        const { settings, place: at } = composeSettings(name, resolved, input.file, options?.cwd ?? process.cwd(), problem);
        subjects.push(locatedDockerSubject(settings, at, doc.document, (pointer, message) => problem(pointer, `service "${name}": ${message}`)));
      }
    }
    return { subjects, errors };
  },
};

export default format;

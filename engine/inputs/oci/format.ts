/** OCI runtime-spec config.json: parse with positions, validate, convert. */
import type { InputFormat, InputResult, InputText } from '../format.js';
import { readJsonInput } from '../placed-error.js';
import { schemaInputError } from '../schema-errors.js';
import { validate } from './validate.gen.js';
import type { OciConfig } from './config.gen.js';
import { ociSubject } from './to-subject.js';

const format: InputFormat = {
  name: 'oci',
  load(input: InputText): InputResult {
    const read = readJsonInput(input);
    if ('error' in read) return { subjects: [], errors: [read.error] };
    const { document } = read;
    if (!validate(document.value)) {
      const first = (validate as unknown as { errors: import('ajv').ErrorObject[] }).errors[0]!;
      return { subjects: [], errors: [schemaInputError(document, first, 'OCI runtime config')] };
    }
    return ociSubject(document, document.value as OciConfig);
  },
};

export default format;

/** OCI runtime-spec config.json: parse with positions, validate, convert. */
import type { InputFormat, InputResult, InputText } from '../format.js';
import { parseJson } from '../json-document.js';
import { schemaInputError } from '../schema-errors.js';
import { CaplintError } from '../../errors.js';
import { validate } from './validate.gen.js';
import type { OciConfig } from './config.gen.js';
import { ociSubject } from './to-subject.js';

const format: InputFormat = {
  name: 'oci',
  load(input: InputText): InputResult {
    let document;
    try {
      document = parseJson(input.file, input.text);
    } catch (error) {
      if (!(error instanceof CaplintError)) throw error;
      return { subjects: [], errors: [{ file: input.file, line: error.place?.line ?? null, column: error.place?.column ?? null, message: error.message }] };
    }
    if (!validate(document.value)) {
      const first = (validate as unknown as { errors: import('ajv').ErrorObject[] }).errors[0]!;
      return { subjects: [], errors: [schemaInputError(document, first, 'OCI runtime config')] };
    }
    return ociSubject(document, document.value as OciConfig);
  },
};

export default format;

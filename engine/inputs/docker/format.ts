import type { InputFormat } from '../format.js';

const format: InputFormat = {
  name: 'docker',
  load(input) {
    return { subjects: [], errors: [{ file: input.file, line: null, column: null, message: 'not yet' }] };
  },
};

export default format;

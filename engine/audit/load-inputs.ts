/**
 * Inputs → located Subjects: detect each text's format (or take the forced
 * one), load its format module once, convert. Problems become InputErrors
 * for that input only.
 */
import type { InputError } from '../model/finding.js';
import type { LocatedSubject } from '../model/located.js';
import { FORMAT_LOADERS } from '../inputs/format.js';
import type { InputFormat, InputFormatName, InputText, LoadOptions } from '../inputs/format.js';
import { detectFormat, unrecognised } from '../inputs/detect.js';

export interface Loaded {
  readonly subjects: LocatedSubject[];
  readonly errors: InputError[];
}

export async function loadInputs(inputs: readonly InputText[], forced?: InputFormatName, options?: LoadOptions): Promise<Loaded> {
  const subjects: LocatedSubject[] = [];
  const errors: InputError[] = [];
  const formats = new Map<InputFormatName, InputFormat>();
  for (const input of inputs) {
    if (input.text.trim() === '') {
      errors.push({ file: input.file, line: 1, column: 1, message: 'the file is empty; expected a container config' });
      continue;
    }
    const name = forced ?? detectFormat(input.text, input.file);
    if (!name) {
      errors.push(unrecognised(input));
      continue;
    }
    let format = formats.get(name);
    if (!format) {
      format = await FORMAT_LOADERS[name]();
      formats.set(name, format);
    }
    const result = format.load(input, options);
    subjects.push(...result.subjects);
    errors.push(...result.errors);
  }
  return { subjects, errors };
}

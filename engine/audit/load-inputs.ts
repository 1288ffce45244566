/**
 * One input → located Subjects: detect its format (or take the forced one),
 * load that format's module once, convert. Problems become InputErrors for
 * that input only.
 */
import { FORMAT_LOADERS } from '../inputs/format.js';
import type { InputFormat, InputFormatName, InputResult, InputText, LoadOptions } from '../inputs/format.js';
import { detectFormat, unrecognised } from '../inputs/detect.js';
import { withRepeatedKeys } from '../inputs/repeated-keys.js';

export class FormatCache {
  private readonly formats = new Map<InputFormatName, InputFormat>();

  async load(input: InputText, forced?: InputFormatName, options?: LoadOptions): Promise<InputResult> {
    if (input.text.trim() === '') {
      return { subjects: [], errors: [{ file: input.file, line: 1, column: 1, message: 'the file is empty; expected a container config' }] };
    }
    const name = forced ?? detectFormat(input.text, input.file);
    if (!name) return { subjects: [], errors: [unrecognised(input)] };
    let format = this.formats.get(name);
    if (!format) {
      format = await FORMAT_LOADERS[name]();
      this.formats.set(name, format);
    }
    const result = format.load(input, options);
    return { ...result, subjects: withRepeatedKeys(result.subjects) };
  }
}

/** Load every input (no rules): for callers that need the subjects alone. */
export async function loadInputs(inputs: readonly InputText[], forced?: InputFormatName, options?: LoadOptions): Promise<InputResult & { subjects: InputResult['subjects'] }> {
  const cache = new FormatCache();
  const subjects = [];
  const errors = [];
  for (const input of inputs) {
    const result = await cache.load(input, forced, options);
    subjects.push(...result.subjects);
    errors.push(...result.errors);
  }
  return { subjects, errors };
}

/** An input format turns one text into located Subjects (or errors). */
import type { InputError } from '../model/finding.js';
import type { LocatedSubject } from '../model/located.js';

export const INPUT_FORMATS = ['oci'] as const;
export type InputFormatName = (typeof INPUT_FORMATS)[number];

export interface InputText {
  /** Display path: as given on the command line, or `<stdin>`. */
  readonly file: string;
  readonly text: string;
}

export interface InputResult {
  readonly subjects: readonly LocatedSubject[];
  readonly errors: readonly InputError[];
}

export interface InputFormat {
  readonly name: InputFormatName;
  load(input: InputText): InputResult;
}

export const FORMAT_LOADERS: Readonly<Record<InputFormatName, () => Promise<InputFormat>>> = {
  oci: async () => (await import('./oci/format.js')).default,
};

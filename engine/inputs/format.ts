/** An input format turns one text into located Subjects (or errors). */
import type { InputError, SkippedObject } from '../model/finding.js';
import type { LocatedSubject } from '../model/located.js';

export const INPUT_FORMATS = ['oci', 'kubernetes', 'compose', 'docker'] as const;
export type InputFormatName = (typeof INPUT_FORMATS)[number];

export interface InputText {
  /** Display path: as given on the command line, or `<stdin>`. */
  readonly file: string;
  readonly text: string;
}

export interface InputResult {
  readonly subjects: readonly LocatedSubject[];
  readonly errors: readonly InputError[];
  /** Objects that hold no container (a ConfigMap; a kind caplint does not know), placed. */
  readonly skipped?: readonly SkippedObject[];
}

/** What a format may need beyond the text: where relative paths start, where Localhost seccomp profiles live. */
export interface LoadOptions {
  readonly cwd: string;
  readonly seccompRoot?: string;
}

export interface InputFormat {
  readonly name: InputFormatName;
  load(input: InputText, options?: LoadOptions): InputResult;
}

export const FORMAT_LOADERS: Readonly<Record<InputFormatName, () => Promise<InputFormat>>> = {
  oci: async () => (await import('./oci/format.js')).default,
  kubernetes: async () => {
    await (await import('./yaml/yaml-document.js')).loadYaml();
    return (await import('./kubernetes/format.js')).default;
  },
  compose: async () => {
    await (await import('./yaml/yaml-document.js')).loadYaml();
    return (await import('./compose/format.js')).default;
  },
  docker: async () => {
    await (await import('./yaml/yaml-document.js')).loadYaml();
    return (await import('./docker/format.js')).default;
  },
};

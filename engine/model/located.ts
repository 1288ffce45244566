/**
 * A Subject together with the text it came from. Rules report on model keys
 * (see keys.ts); the engine turns a key into a JSON pointer through the
 * input's `locate`, and the pointer into file, line and column through the
 * document's position index. Subjects themselves stay plain data.
 */
import type { Subject } from './subject.js';

export interface Span {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** The pointer actually found: the requested one, or its nearest existing ancestor. */
  readonly pointer: string;
}

/**
 * A key written twice in one mapping. JSON.parse and the YAML reader keep the
 * last; Go's encoding/json merges two objects; strict decoders refuse the
 * file: the runtime and caplint could read it differently.
 */
export interface RepeatedKey {
  readonly key: string;
  /** Pointer of the member both occurrences name. */
  readonly pointer: string;
  /** Where the repeated (second) key is, and the line of the first. */
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly firstLine: number;
  /** Both values are objects (Go's encoding/json merges them); otherwise the last value wins there. */
  readonly objects: boolean;
}

/** Parsed text of one input, able to place a JSON pointer in it. */
export interface SourceDocument {
  readonly file: string;
  readonly text: string;
  /** Keys written twice in one mapping, in text order (none when absent). */
  readonly repeatedKeys?: readonly RepeatedKey[];
  /** The span of `pointer`, or of its nearest existing ancestor. */
  span(pointer: string): Span | undefined;
}

export interface LocatedSubject {
  readonly subject: Subject;
  readonly document: SourceDocument | null;
  /** JSON pointer of the text behind a model key, or of the object that should hold it; null when there is none. */
  locate(key: string): string | null;
}

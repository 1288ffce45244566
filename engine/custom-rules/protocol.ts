/**
 * The rule host's wire format, on both sides of its pipes: frames of a
 * 4-byte big-endian length and that many bytes of UTF-8 JSON. The audit
 * process parses replies as plain JSON and checks their shape
 * (host-replies.ts); nothing the host sends is ever called or inspected as
 * an object with behaviour.
 */

/** The largest frame either side accepts; a longer one ends the host. */
export const MAX_FRAME_BYTES = 256 * 1024 * 1024;

export function encodeFrame(message: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  const head = Buffer.alloc(4);
  head.writeUInt32BE(body.length, 0);
  return Buffer.concat([head, body]);
}

export class FrameTooLargeError extends Error {}

/** Collects chunks and yields each complete frame's text. */
export class FrameReader {
  private chunks: Buffer[] = [];
  private size = 0;
  private want = -1;

  push(chunk: Buffer): string[] {
    this.chunks.push(chunk);
    this.size += chunk.length;
    const frames: string[] = [];
    while (this.size >= 4) {
      if (this.want < 0) {
        this.want = Buffer.concat(this.chunks, 4).readUInt32BE(0);
        if (this.want > MAX_FRAME_BYTES) throw new FrameTooLargeError(`the rule host sent a frame of ${this.want} bytes, more than ${MAX_FRAME_BYTES}`);
      }
      if (this.size < 4 + this.want) break;
      const all = Buffer.concat(this.chunks, this.size);
      frames.push(all.toString('utf8', 4, 4 + this.want));
      const rest = all.subarray(4 + this.want);
      this.chunks = rest.length ? [rest] : [];
      this.size = rest.length;
      this.want = -1;
    }
    return frames;
  }
}

/** The first message to the host: how to confine itself and the rule files to load. */
export interface InitRequest {
  readonly op: 'init';
  /** os: confine with the addon; permission: already under Node's permission model. */
  readonly mode: 'os' | 'permission';
  readonly timeoutMs: number;
  readonly maxRulesPerFile: number;
  readonly addressSpace: number;
  readonly cpuSeconds: number;
  readonly files: readonly { readonly file: string; readonly code: string }[];
}

export interface CheckRequest {
  readonly op: 'check';
  /** Seccomp profile documents the subjects refer to as {"$document": id}, not sent before. */
  readonly documents: readonly (readonly [number, string])[];
  readonly subjects: readonly string[];
  /** Which rules run, as [file, rule in file], with the options of each. */
  readonly rules: readonly (readonly [number, number])[];
  readonly options: readonly unknown[];
}

export type HostRequest = InitRequest | CheckRequest;

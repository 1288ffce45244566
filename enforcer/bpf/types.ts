/** Classic BPF as seccomp takes it: struct sock_filter { u16 code; u8 jt; u8 jf; u32 k; }. */
export interface SockFilter {
  readonly code: number;
  readonly jt: number;
  readonly jf: number;
  readonly k: number;
}

export type BpfProgram = readonly SockFilter[];

/** Kernel limit on instructions per filter (BPF_MAXINSNS). */
export const BPF_MAXINSNS = 4096;

/** The bytes of a program as the kernel reads them (little-endian struct sock_filter[]). */
export function encodeProgram(program: BpfProgram): Buffer {
  const out = Buffer.alloc(program.length * 8);
  program.forEach((insn, i) => {
    out.writeUInt16LE(insn.code, i * 8);
    out.writeUInt8(insn.jt, i * 8 + 2);
    out.writeUInt8(insn.jf, i * 8 + 3);
    out.writeUInt32LE(insn.k >>> 0, i * 8 + 4);
  });
  return out;
}

export function decodeProgram(bytes: Uint8Array): SockFilter[] {
  if (bytes.length % 8 !== 0) throw new Error(`a BPF program is a multiple of 8 bytes; got ${bytes.length}`);
  const program: SockFilter[] = [];
  // Little-endian fields read byte by byte: no Buffer view, and quick on first run (caplint run checks every program it launches).
  for (let i = 0; i < bytes.length; i += 8)
    program.push({ code: bytes[i]! | (bytes[i + 1]! << 8), jt: bytes[i + 2]!, jf: bytes[i + 3]!, k: (bytes[i + 4]! | (bytes[i + 5]! << 8) | (bytes[i + 6]! << 16) | (bytes[i + 7]! << 24)) >>> 0 });
  return program;
}

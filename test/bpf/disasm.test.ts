import { describe, expect, it } from 'vitest';
import { compile } from '../../enforcer/bpf/compile.js';
import { disassemble } from '../../enforcer/bpf/disasm.js';
import { BPF, jump, stmt } from '../../enforcer/bpf/opcodes.js';
import { nameOf } from '../../engine/commands/seccomp/options.js';
import { ALLOW, EPERM, archTable, cmp, table } from '../helpers/tables.js';

const small = table([
  archTable('x86_64', EPERM, [
    ['read', [{ when: [], action: ALLOW }]],
    ['write', [{ when: [], action: ALLOW }]],
    ['close', [{ when: [], action: ALLOW }]], // read, write, close allowed around open: one jeq picks open out
    ['clone', [{ when: [cmp(0, 'MASKED_EQ', 0x7e020000n, 0n)], action: ALLOW }]],
    ['personality', [{ when: [cmp(0, 'EQ', 8n)], action: ALLOW }, { when: [cmp(0, 'GT', 0x1_00000000n)], action: { kind: 'trace', data: 3 } }]],
    ['keyctl', [{ when: [], action: { kind: 'kill_process' } }]],
  ]),
  archTable('i386', EPERM, [['read', [{ when: [], action: ALLOW }]]]),
]);

describe('the disassembler', () => {
  it('lists a compiled filter with labels, arch and syscall names, fields and actions (golden)', async () => {
    await expect(disassemble(compile(small), { syscallName: nameOf })).toMatchFileSnapshot('./golden/small.disasm');
  });

  it('names every seccomp opcode', () => {
    const text = disassemble([
      stmt(BPF.LD | BPF.IMM, 5), stmt(BPF.LDX | BPF.W | BPF.LEN, 0), stmt(BPF.ST, 1), stmt(BPF.STX, 2), stmt(BPF.LD | BPF.MEM, 1),
      stmt(BPF.ALU | BPF.ADD | BPF.X, 0), stmt(BPF.ALU | BPF.NEG, 0), stmt(BPF.MISC | BPF.TAX, 0), stmt(BPF.MISC | BPF.TXA, 0),
      jump(BPF.JMP | BPF.JSET | BPF.K, 4, 0, 1), stmt(BPF.JMP | BPF.JA, 0), stmt(BPF.RET | BPF.A, 0),
    ]);
    for (const word of ['ld   #0x5', 'ldx  #len', 'st   M[1]', 'stx  M[2]', 'ld   M[1]', 'add  x', 'neg', 'tax', 'txa', 'jset #0x4         L10, L11', 'ja   L11', 'ret  a'])
      expect(text).toContain(word);
    expect(text).toMatch(/^L11: +11 +ret +a$/m);
  });
});

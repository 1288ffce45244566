#include "bpf-run.h"

#include <cstring>

namespace caplint {
namespace {

uint32_t Word(const seccomp_data& data, uint32_t offset) {
  if (offset > sizeof data - 4 || offset % 4 != 0) return 0;
  uint32_t w;
  std::memcpy(&w, reinterpret_cast<const char*>(&data) + offset, 4);
  return w;
}

bool Taken(uint16_t code, uint32_t a, uint32_t operand) {
  switch (BPF_OP(code)) {
    case BPF_JEQ: return a == operand;
    case BPF_JGT: return a > operand;
    case BPF_JGE: return a >= operand;
    default: return (a & operand) != 0;  // BPF_JSET
  }
}

}  // namespace

uint32_t RunSeccompBpf(const std::vector<sock_filter>& program, const seccomp_data& data) {
  uint32_t a = 0, x = 0, mem[BPF_MEMWORDS] = {};
  for (size_t pc = 0; pc < program.size();) {
    const sock_filter& insn = program[pc++];
    uint32_t k = insn.k;
    uint32_t operand = BPF_SRC(insn.code) == BPF_X ? x : k;
    switch (BPF_CLASS(insn.code)) {
      case BPF_LD:
        if (BPF_MODE(insn.code) == BPF_ABS) a = Word(data, k);
        else if (BPF_MODE(insn.code) == BPF_LEN) a = sizeof data;
        else if (BPF_MODE(insn.code) == BPF_MEM) a = k < BPF_MEMWORDS ? mem[k] : 0;
        else a = k;
        break;
      case BPF_LDX:
        if (BPF_MODE(insn.code) == BPF_MEM) x = k < BPF_MEMWORDS ? mem[k] : 0;
        else if (BPF_MODE(insn.code) == BPF_LEN) x = sizeof data;
        else x = k;
        break;
      case BPF_ST: if (k < BPF_MEMWORDS) mem[k] = a; break;
      case BPF_STX: if (k < BPF_MEMWORDS) mem[k] = x; break;
      case BPF_ALU:
        switch (BPF_OP(insn.code)) {
          case BPF_ADD: a += operand; break;
          case BPF_SUB: a -= operand; break;
          case BPF_MUL: a *= operand; break;
          case BPF_DIV: if (operand == 0) return 0; a /= operand; break;
          case BPF_MOD: if (operand == 0) return 0; a %= operand; break;
          case BPF_OR: a |= operand; break;
          case BPF_AND: a &= operand; break;
          case BPF_XOR: a ^= operand; break;
          case BPF_LSH: a <<= (operand & 31); break;
          case BPF_RSH: a >>= (operand & 31); break;
          case BPF_NEG: a = -a; break;
        }
        break;
      case BPF_JMP:
        if (BPF_OP(insn.code) == BPF_JA) pc += k;
        else pc += Taken(insn.code, a, operand) ? insn.jt : insn.jf;
        break;
      case BPF_RET: return BPF_RVAL(insn.code) == BPF_A ? a : k;
      case BPF_MISC: if (BPF_MISCOP(insn.code) == BPF_TAX) x = a; else a = x; break;
    }
  }
  return 0;
}

}  // namespace caplint

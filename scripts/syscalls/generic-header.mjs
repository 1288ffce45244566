/**
 * Reads include/uapi/asm-generic/unistd.h the way the C preprocessor would
 * for one architecture: evaluates its #if/#ifdef blocks against the
 * architecture's __ARCH_WANT_* defines and __BITS_PER_LONG, keeps the
 * `#define __NR_x N` lines that survive, and resolves the `__NR3264_*`
 * aliases the header maps to 64-bit names at its end.
 */
const NOT_SYSCALLS = new Set(['syscalls', 'arch_specific_syscall']);

export function parseGeneric(text, { defines, values }) {
  const macros = new Map();
  const stack = [];
  const active = () => stack.every((frame) => frame.taking);
  for (const raw of joinContinuations(text)) {
    const line = raw.trim();
    let m;
    if ((m = /^#\s*if(n?)def\s+(\w+)/.exec(line))) {
      const known = defines.has(m[2]) || macros.has(m[2]);
      push(stack, m[1] ? !known : known);
    } else if ((m = /^#\s*if\s+(.*)$/.exec(line))) {
      push(stack, evaluate(m[1], (name) => defines.has(name) || macros.has(name), values));
    } else if (/^#\s*else\b/.test(line)) {
      const top = stack[stack.length - 1];
      top.taking = !top.taken;
      top.taken = true;
    } else if (/^#\s*endif\b/.test(line)) {
      stack.pop();
    } else if (!active()) {
      continue;
    } else if ((m = /^#\s*define\s+(\w+)\s+(\S+)\s*$/.exec(line))) {
      macros.set(m[1], m[2]);
    } else if ((m = /^#\s*define\s+(\w+)\s*$/.exec(line))) {
      macros.set(m[1], '');
    } else if ((m = /^#\s*undef\s+(\w+)/.exec(line))) {
      macros.delete(m[1]);
    }
  }
  const table = new Map();
  for (const [macro, body] of macros) {
    const m = /^__NR_(\w+)$/.exec(macro);
    if (!m || NOT_SYSCALLS.has(m[1])) continue;
    let value = body;
    while (macros.has(value)) value = macros.get(value);
    if (/^\d+$/.test(value)) table.set(m[1], Number(value));
  }
  return table;
}

function push(stack, condition) {
  stack.push({ taking: condition, taken: condition });
}

function joinContinuations(text) {
  return text.replace(/\\\n/g, ' ').split('\n');
}

/** A tiny evaluator for the conditions the header uses: defined(X), ==, !=, !, &&, ||, parentheses, integers. */
function evaluate(expr, isDefined, values) {
  const tokens = expr.replace(/\/\*.*?\*\//g, '').match(/defined\s*\(\s*\w+\s*\)|\w+|==|!=|&&|\|\||[()!]/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++];
  const primary = () => {
    const t = next();
    if (t === '(') { const v = or(); next(); return v; }
    if (t === '!') return primary() ? 0 : 1;
    const d = /^defined\s*\(\s*(\w+)\s*\)$/.exec(t);
    if (d) return isDefined(d[1]) ? 1 : 0;
    if (/^\d+$/.test(t)) return Number(t);
    return values[t] ?? 0;
  };
  const compare = () => {
    let v = primary();
    while (peek() === '==' || peek() === '!=') v = (next() === '==') === (v === primary()) ? 1 : 0;
    return v;
  };
  const and = () => { let v = compare(); while (peek() === '&&') { next(); const r = compare(); v = v && r ? 1 : 0; } return v; };
  const or = () => { let v = and(); while (peek() === '||') { next(); const r = and(); v = v || r ? 1 : 0; } return v; };
  return or() !== 0;
}

/**
 * Mutations for the fuzz harness, all driven by one seeded PRNG so a failing
 * input can be replayed from its seed: structure-aware ones (types swapped,
 * keys duplicated or dropped, deep nesting, YAML anchors and aliases, long
 * strings, control characters, huge numbers, long lists) on the parsed value
 * or the text, and byte-level ones (flips, inserts, deletes, truncation).
 */
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';

/** mulberry32: small, fast, seedable. */
export function prng(seed) {
  let state = seed >>> 0;
  const next = () => {
    let t = (state = (state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  return { next, int, pick: (items) => items[Math.floor(next() * items.length)], chance: (p) => next() < p };
}

const HOSTILE_STRINGS = [
  '', ' ', '\u0000', '\u001b[31mred\u001b[0m', '\u202eevil', '\r\n', '\t', 'x'.repeat(20_000), '💥'.repeat(1000), '../../etc/passwd',
  '/', '/var/run/docker.sock', 'ALL', 'CAP_SYS_ADMIN', 'SYS_ADMIN', 'unconfined', 'privileged', '{{subject}}', '%s%n', '\\', '"', "'", '*a', '&a', '<<',
];
const HUGE_NUMBERS = [0, -0, -1, 2 ** 31, 2 ** 32, 2 ** 53 + 1, Number.MAX_VALUE, Number.MIN_VALUE, 1e308, -1e308, 0.5, 18446744073709551615];
const TEXT_NUMBERS = ['1e309', '-1e309', '1e-400', '123456789012345678901234567890', '0x10', '0o17', '.inf', '-.inf', '.nan', 'NaN', '00012', '+1'];

function randomScalar(r) {
  switch (r.int(0, 4)) {
    case 0: return r.pick(HOSTILE_STRINGS);
    case 1: return r.pick(HUGE_NUMBERS);
    case 2: return r.chance(0.5);
    case 3: return null;
    default: return String.fromCharCode(...Array.from({ length: r.int(1, 40) }, () => r.int(0, 0x2fff)));
  }
}

/** Every [parent, key] in the tree, for picking a place to mutate. */
function places(root) {
  const out = [];
  const stack = [root];
  while (stack.length && out.length < 5000) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    for (const key of Object.keys(node)) {
      out.push([node, key]);
      stack.push(node[key]);
    }
  }
  return out;
}

function swapType(value, r) {
  if (Array.isArray(value)) return r.chance(0.5) ? Object.fromEntries(value.map((v, i) => [String(i), v])) : randomScalar(r);
  if (value !== null && typeof value === 'object') return r.chance(0.5) ? Object.values(value) : randomScalar(r);
  return r.pick([[value], { value }, String(value), Number(value), !value, null, randomScalar(r)]);
}

function nest(value, depth, r) {
  let out = value;
  for (let i = 0; i < depth; i++) out = r.chance(0.5) ? [out] : { k: out };
  return out;
}

/** One mutation of a parsed value (in place); returns the value. */
export function mutateValue(root, r) {
  const all = places(root);
  if (all.length === 0) return swapType(root, r);
  for (let n = r.int(1, 3); n > 0; n--) {
    const [parent, key] = r.pick(all);
    switch (r.int(0, 7)) {
      case 0: parent[key] = swapType(parent[key], r); break;
      case 1: if (Array.isArray(parent)) parent.splice(Number(key), 1); else delete parent[key]; break;
      case 2: parent[key] = nest(parent[key], r.pick([10, 100, 600, 2000]), r); break;
      case 3: parent[key] = randomScalar(r); break;
      case 4: parent[key] = r.chance(0.5) ? Array.from({ length: r.pick([100, 1000]) }, () => parent[key]) : Array.from({ length: r.pick([100, 5000, 20_000]) }, () => randomScalar(r)); break;
      case 5: if (!Array.isArray(parent)) parent[`${key}${r.pick(['', ' ', 'x', '\u0000'])}`] = parent[key]; break;
      case 6: parent[key] = r.pick(TEXT_NUMBERS); break;
      default: parent[r.pick(['privileged', 'capabilities', 'hostPID', 'cap_add', 'securityContext', 'kind', 'apiVersion', 'ociVersion', 'services', 'HostConfig', 'extends', 'rules', 'namespaces'])] = randomScalar(r);
    }
  }
  return root;
}

/** Text-level structure: a key line repeated, anchors and aliases, a huge number, a long line. */
export function mutateStructureText(text, r, yaml) {
  const lines = text.split('\n');
  const at = r.int(0, Math.max(0, lines.length - 1));
  switch (r.int(0, yaml ? 6 : 3)) {
    case 0: lines.splice(at, 0, lines[at] ?? ''); break; // a key (or item) written twice
    case 1: lines[at] = (lines[at] ?? '').replace(/\d+/, r.pick(TEXT_NUMBERS)); break;
    case 2: lines[at] = `${lines[at] ?? ''}${' '.repeat(r.int(0, 5))}${'x'.repeat(r.pick([200, 5000, 100_000]))}`; break;
    case 3: lines[at] = (lines[at] ?? '').replace(/[a-z]/i, (c) => r.pick(['\u0000', '\u001b[2J', '\u202e', '\r', c.toUpperCase()])); break;
    case 4: lines.splice(at, 0, `x-a: &a [${Array(9).fill('lol').join(',')}]`, ...'bcdefg'.split('').map((n, i) => `x-${n}: &${n} [${Array(9).fill(`*${'abcdefg'[i]}`).join(',')}]`)); break;
    case 5: lines[at] = (lines[at] ?? '').replace(/: (\S.*)$/, r.pick([': *nowhere', ': &self [*self]', ': !!binary AAAA', ': !custom x', ': <<'])); break;
    default: lines.splice(at, 0, `${' '.repeat(r.int(0, 6))}<<: ${r.pick(['*a', '[1, 2]', 'x', '{}'])}`);
  }
  return lines.join('\n');
}

/** Byte-level: flips, inserts, deletes, duplicated slices, truncation. */
export function mutateBytes(text, r) {
  const bytes = Buffer.from(text, 'utf8');
  let out = bytes;
  for (let n = r.int(1, 8); n > 0; n--) {
    const at = r.int(0, Math.max(0, out.length - 1));
    switch (r.int(0, 4)) {
      case 0: if (out.length) { out = Buffer.from(out); out[at] ^= 1 << r.int(0, 7); } break;
      case 1: out = Buffer.concat([out.subarray(0, at), Buffer.from([r.int(0, 255), r.int(0, 255)]), out.subarray(at)]); break;
      case 2: out = Buffer.concat([out.subarray(0, at), out.subarray(Math.min(out.length, at + r.int(1, 64)))]); break;
      case 3: out = Buffer.concat([out.subarray(0, at), out.subarray(at, at + r.int(1, 200)), out.subarray(at)]); break;
      default: out = out.subarray(0, at);
    }
  }
  return out.toString('latin1') === text ? `${text}\u0000` : out.toString('utf8');
}

/** One mutated text of `seed`, whose syntax is yaml or json. */
export function mutate(seed, syntax, r) {
  const kind = r.int(0, 9);
  if (kind <= 3) {
    try {
      const value = mutateValue(syntax === 'yaml' ? parseYaml(seed, { maxAliasCount: -1 }) : JSON.parse(seed), r);
      if (syntax === 'yaml' && r.chance(0.7)) return stringifyYaml(value, { aliasDuplicateObjects: r.chance(0.5) });
      return JSON.stringify(value, null, r.pick([0, 1, 2]));
    } catch {
      return mutateBytes(seed, r);
    }
  }
  if (kind <= 6) return mutateStructureText(seed, r, syntax === 'yaml');
  return mutateBytes(seed, r);
}

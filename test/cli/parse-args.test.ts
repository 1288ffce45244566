/**
 * caplint's parseArgs (engine/cli/parse-args.ts) against node:util's, as the
 * commands call it (strict, positionals, tokens): the same values,
 * positionals and tokens, or the same error message, for the option sets of
 * audit, run and seccomp compile, on hand-picked argument lists and on
 * 3,000 random ones per set drawn from options, values, groups, `=` forms,
 * dashes and `--`.
 */
import { parseArgs as nodeParseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../engine/cli/parse-args.js';

type Options = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

const SETS: Record<string, Options> = {
  audit: {
    format: { type: 'string', multiple: true }, output: { type: 'string', short: 'o', multiple: true }, 'fail-on': { type: 'string' },
    quiet: { type: 'boolean', short: 'q' }, 'no-config': { type: 'boolean' }, 'rule-file': { type: 'string', multiple: true },
    pid: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' },
  },
  run: {
    profile: { type: 'string' }, 'cap-add': { type: 'string', multiple: true }, 'cap-drop': { type: 'string', multiple: true },
    'dry-run': { type: 'boolean' }, 'no-cache': { type: 'boolean' }, unshare: { type: 'string', multiple: true }, cpus: { type: 'string' }, help: { type: 'boolean', short: 'h' },
  },
  'seccomp compile': { arch: { type: 'string' }, format: { type: 'string' }, output: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } },
};

/** What a parser gives for `args`: its result (values as a plain object) or its error message. */
function outcome(parse: typeof nodeParseArgs, args: string[], options: Options): unknown {
  try {
    const r = parse({ args, options, allowPositionals: true, strict: true, tokens: true });
    return { values: { ...r.values }, nullPrototype: Object.getPrototypeOf(r.values) === null, positionals: r.positionals, tokens: r.tokens };
  } catch (error) {
    return { error: (error as Error).message, type: (error as Error).constructor.name };
  }
}

const WORDS = [
  '--format', 'json', '-o', 'out.sarif', '--output=x.json', '-qh', '-hq', '-qo', '-ofile', '-oq', '--', 'a.json', '-', '--bogus', '--help=1', '-x',
  '--fail-on', '-q', '--quiet', '--format=', '---', '--=x', '-o-', '-json', '--cap-add', 'CAP_NET_RAW', '--profile', 'default', '--dry-run',
  '--no-config', '--no-cache', '-h', '--unshare=pid,net', '--cpus', '-1', '0.5', '--arch', 'x86_64', '--pid', '42', '--__proto__', '--constructor', '-qxo', 'b c',
];

function randomArgs(seed: number): string[] {
  let state = seed;
  const next = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  return Array.from({ length: Math.floor(next() * 7) }, () => WORDS[Math.floor(next() * WORDS.length)]!);
}

describe('caplint\'s parseArgs', () => {
  it.each(Object.keys(SETS))('gives what node:util\'s gives for the options of %s', (name) => {
    const options = SETS[name]!;
    const picked = [[], ['a.json'], ['--format', 'json', '-o', 'r.sarif', 'x'], ['-qh'], ['-qofile'], ['--format'], ['--format', '--quiet'], ['-o', '-x'], ['--help=yes'],
      ['--bogus'], ['-z'], ['--', '--help', '-q'], ['--output=-'], ['-o='], ['--cap-add', 'A', '--cap-add=B'], ['--cpus', '-1'], ['--cpus=-1'], ['-'], ['--'], ['-hqo', 'f']];
    const cases = [...picked, ...Array.from({ length: 3000 }, (_, i) => randomArgs(i + 1))];
    for (const args of cases) expect(outcome(parseArgs, args, options), JSON.stringify(args)).toEqual(outcome(nodeParseArgs, args, options));
  });

  it('refuses a configuration caplint does not use, rather than parse it differently', () => {
    expect(() => parseArgs({ args: [], options: {}, strict: false, allowPositionals: true, tokens: true })).toThrow(/only strictly/);
    expect(() => parseArgs({ args: [], options: { a: { type: 'string', default: 'x' } }, strict: true, allowPositionals: true, tokens: true })).toThrow(/no defaults/);
  });
});

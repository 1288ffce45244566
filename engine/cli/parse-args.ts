/**
 * node:util's parseArgs as caplint calls it (strict, positionals allowed,
 * tokens returned; no defaults, no negative options), in caplint's bundle:
 * Node's loads two internal modules and costs about 0.6 ms on the first call
 * of every `audit` and `run`. The same steps as Node 20's
 * lib/internal/util/parse_args (the tokens, then the strict checks and the
 * values in token order) and the same messages; test/cli/parse-args.test.ts
 * compares the two on every command's options.
 */
import type * as util from 'node:util';

type Options = Readonly<Record<string, { readonly type: 'string' | 'boolean'; readonly short?: string; readonly multiple?: boolean }>>;

interface OptionToken {
  kind: 'option';
  name: string;
  rawName: string;
  index: number;
  value: string | undefined;
  inlineValue: boolean | undefined;
}
type Token = OptionToken | { kind: 'positional'; index: number; value: string } | { kind: 'option-terminator'; index: number };

const own = (options: Options, name: string) => (Object.hasOwn(options, name) ? options[name] : undefined);
const longFor = (short: string, options: Options): string => Object.keys(options).find((name) => options[name]!.short === short) ?? short;
const takesValue = (options: Options, name: string): boolean => own(options, name)?.type === 'string';
const optionLike = (value: string | undefined): boolean => value !== undefined && value.length > 1 && value[0] === '-';

/** argsToTokens: each argument (or each letter of a short group) as an option, a positional or the terminator. */
function tokensOf(args: readonly string[], options: Options): Token[] {
  const tokens: Token[] = [];
  const rest = [...args];
  let index = -1;
  let groupCount = 0;
  while (rest.length > 0) {
    const arg = rest.shift()!;
    const next = rest[0];
    if (groupCount > 0) groupCount--;
    else index++;
    if (arg === '--') {
      tokens.push({ kind: 'option-terminator', index });
      for (const value of rest) tokens.push({ kind: 'positional', index: ++index, value });
      break;
    }
    const short = arg.length >= 2 && arg[0] === '-' && arg[1] !== '-';
    if (short && arg.length === 2) {
      const name = longFor(arg[1]!, options);
      const value = takesValue(options, name) && next !== undefined ? rest.shift() : undefined;
      tokens.push({ kind: 'option', name, rawName: arg, index, value, inlineValue: value === undefined ? undefined : false });
      if (value !== undefined) index++;
      continue;
    }
    if (short && !takesValue(options, longFor(arg[1]!, options))) {
      // A group of short options: one per letter, up to a letter that takes a value (the rest of the argument is it).
      const expanded: string[] = [];
      for (let i = 1; i < arg.length; i++) {
        if (!takesValue(options, longFor(arg[i]!, options)) || i === arg.length - 1) expanded.push(`-${arg[i]}`);
        else {
          expanded.push(`-${arg.slice(i)}`);
          break;
        }
      }
      rest.unshift(...expanded);
      groupCount = expanded.length;
      continue;
    }
    if (short) {
      tokens.push({ kind: 'option', name: longFor(arg[1]!, options), rawName: `-${arg[1]}`, index, value: arg.slice(2), inlineValue: true });
      continue;
    }
    if (arg.length > 2 && arg.startsWith('--') && !arg.includes('=', 3)) {
      const name = arg.slice(2);
      const value = takesValue(options, name) && next !== undefined ? rest.shift() : undefined;
      tokens.push({ kind: 'option', name, rawName: arg, index, value, inlineValue: value === undefined ? undefined : false });
      if (value !== undefined) index++;
      continue;
    }
    if (arg.length > 2 && arg.startsWith('--')) {
      const equals = arg.indexOf('=');
      const name = arg.slice(2, equals);
      tokens.push({ kind: 'option', name, rawName: `--${name}`, index, value: arg.slice(equals + 1), inlineValue: true });
      continue;
    }
    tokens.push({ kind: 'positional', index, value: arg });
  }
  return tokens;
}

/** checkOptionUsage and checkOptionLikeValue of strict mode, with Node's messages. */
function check(token: OptionToken, options: Options): void {
  const option = own(options, token.name);
  if (!option)
    throw new TypeError(`Unknown option '${token.rawName}'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- ${JSON.stringify(token.rawName)}`);
  const shortAndLong = `${option.short ? `-${option.short}, ` : ''}--${token.name}`;
  if (option.type === 'string' && typeof token.value !== 'string') throw new TypeError(`Option '${shortAndLong} <value>' argument missing`);
  if (option.type === 'boolean' && token.value !== undefined) throw new TypeError(`Option '${shortAndLong}' does not take an argument`);
  if (!token.inlineValue && optionLike(token.value)) {
    const example = token.rawName.startsWith('--') ? `'${token.rawName}=-XYZ'` : `'--${token.name}=-XYZ' or '${token.rawName}-XYZ'`;
    throw new TypeError(
      `Option '${token.rawName}' argument is ambiguous.\nDid you forget to specify the option argument for '${token.rawName}'?\nTo specify an option argument starting with a dash use ${example}.`,
    );
  }
}

function parseStrict(config: { args: readonly string[]; options: Options }): { values: Record<string, unknown>; positionals: string[]; tokens: Token[] } {
  const { args, options } = config;
  const tokens = tokensOf(args, options);
  const values: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    check(token, options);
    if (token.name === '__proto__') continue;
    const value = token.value ?? true;
    if (options[token.name]!.multiple) ((values[token.name] as unknown[] | undefined) ?? (values[token.name] = [])).push(value);
    else values[token.name] = value;
  }
  return { values, positionals, tokens };
}

/** For `{ args, options, allowPositionals: true, strict: true, tokens: true }`; other configurations are refused. */
export const parseArgs = ((config: util.ParseArgsConfig) => {
  if (config.strict !== true || config.allowPositionals !== true || config.tokens !== true || !config.args || !config.options || config.allowNegative)
    throw new Error('parseArgs: caplint parses only strictly, with positionals and tokens');
  for (const option of Object.values(config.options)) if (option.default !== undefined) throw new Error('parseArgs: caplint options have no defaults');
  return parseStrict({ args: config.args, options: config.options as Options });
}) as typeof util.parseArgs;

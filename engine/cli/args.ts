/** Thin wrapper over parseArgs (node:util's, as caplint's bundle carries it: parse-args.ts) that turns its errors into usage errors. */
import type { ParseArgsConfig } from 'node:util';
import { parseArgs } from './parse-args.js';
import { UsageError } from '../errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parse<O extends Options>(command: string, args: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/\. To specify a positional argument.*$/s, '') : String(error);
    throw new UsageError(`caplint ${command}: ${message.charAt(0).toLowerCase()}${message.slice(1)}`);
  }
}

/** One of `allowed`, or a usage error naming the flag. */
export function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}; got "${value}"`);
}

/**
 * `--format` / `--output` pairs: each --output takes the --format before it;
 * formats without one go to stdout (only one may).
 */
import { UsageError } from '../errors.js';

export interface OutputSpec {
  readonly format: string;
  readonly output?: string;
}

interface Token { kind: string; name?: string; value?: string | undefined }

export function pairOutputs(tokens: readonly Token[], formats: readonly string[], fallback = 'text'): OutputSpec[] {
  const specs: { format: string; output?: string }[] = [];
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    if (token.name === 'format') {
      const format = token.value ?? '';
      if (!formats.includes(format)) throw new UsageError(`--format must be one of ${formats.join(', ')}; got "${format}"`);
      specs.push({ format });
    } else if (token.name === 'output') {
      const last = specs.at(-1);
      if (last && last.output === undefined) last.output = token.value ?? '';
      else specs.push({ format: fallback, output: token.value ?? '' });
    }
  }
  if (specs.length === 0) specs.push({ format: fallback });
  if (specs.filter((s) => s.output === undefined || s.output === '-').length > 1)
    throw new UsageError('only one --format can go to standard output; give the others an --output FILE');
  return specs;
}

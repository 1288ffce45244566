/**
 * `--format` / `--output` pairs: each --output takes the --format before it;
 * formats without one go to stdout (only one may). An --output with no
 * --format of its own takes the format its file name says, or is refused.
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
      const output = token.value ?? '';
      if (last && last.output === undefined) last.output = output;
      else specs.push({ format: output === '-' ? fallback : formatOfFile(output, formats), output });
    }
  }
  if (specs.length === 0) specs.push({ format: fallback });
  if (specs.filter((s) => s.output === undefined || s.output === '-').length > 1)
    throw new UsageError('only one --format can go to standard output; give the others an --output FILE');
  return specs;
}

const BY_EXTENSION: readonly (readonly [RegExp, string])[] = [
  [/\.sarif(\.json)?$/i, 'sarif'],
  [/\.(junit\.)?xml$/i, 'junit'],
  [/\.json$/i, 'json'],
  [/\.(md|markdown)$/i, 'markdown'],
  [/\.html?$/i, 'html'],
  [/\.txt$/i, 'text'],
];

/** The report format a file name asks for (`report.sarif` → sarif), or a usage error. */
export function formatOfFile(file: string, formats: readonly string[]): string {
  const found = BY_EXTENSION.find(([pattern, format]) => pattern.test(file) && formats.includes(format))?.[1];
  if (found) return found;
  throw new UsageError(`--output ${file}: the file name does not say a report format (.sarif, .json, .xml, .md, .html, .txt); put --format FORMAT before --output`);
}

/** `caplint audit [PATH...|-]`: judge container configs against the rules. */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from '../cli/commands.js';
import type { Io } from '../cli/io.js';
import { wantsColor } from '../cli/io.js';
import { oneOf, parse } from '../cli/args.js';
import { UsageError, describeFsError } from '../errors.js';
import { SEVERITIES } from '../model/finding.js';
import type { FailOn } from '../model/finding.js';
import { collectInputs, DEFAULT_MAX_BYTES } from '../inputs/collect.js';
import { INPUT_FORMATS } from '../inputs/format.js';
import { auditInputs } from '../audit/audit-inputs.js';
import { buildReport, exitCodeOf } from '../audit/build-report.js';
import { pairOutputs } from '../audit/outputs.js';
import { activeRules } from '../audit/active-rules.js';
import { FORMAT_NAMES, REPORT_FORMATS } from '../../reports/index.js';
import { LIVE_OPTIONS, liveScanOptions } from '../audit/live-options.js';
import type { CollectOptions } from '../inputs/collect.js';

async function auditLive(values: Parameters<typeof liveScanOptions>[0] & { against?: string }, paths: readonly string[], collect: CollectOptions) {
  if (paths.length) throw new UsageError('caplint audit: give either PATHs or --pid, not both');
  const { liveAudit } = await import('../audit/live-audit.js');
  return liveAudit({ scan: liveScanOptions(values), ...collect, ...(values.against !== undefined ? { against: values.against } : {}) });
}

const HELP = `Usage: caplint audit [PATH...|-] [options]

Audit container configs (files, directories searched for config.json, or - for stdin).

Options:
  --format FORMAT        ${FORMAT_NAMES.join('|')} (repeatable; default text)
  --output FILE          write the preceding --format to FILE
  --fail-on SEVERITY     ${[...SEVERITIES, 'never'].join('|')} (default high)
  --input-format FORMAT  ${INPUT_FORMATS.join('|')} (default: detect from content)
  --max-bytes N          largest input read, in bytes (default ${DEFAULT_MAX_BYTES})
  --rule-file FILE       a custom rule in TypeScript (repeatable); checked and sandboxed before it runs
  --pid PID              audit running processes instead of files (repeatable; see caplint ps)
  --against CONFIG       with --pid: report where each process differs from this OCI config

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 bad usage or input.
`;

const OPTIONS = {
  format: { type: 'string', multiple: true },
  output: { type: 'string', short: 'o', multiple: true },
  'fail-on': { type: 'string' },
  'input-format': { type: 'string' },
  'max-bytes': { type: 'string' },
  'rule-file': { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
  ...LIVE_OPTIONS,
  against: { type: 'string' },
} as const;

const audit: Command = {
  summary: 'audit container configs against a policy',
  async run(args: readonly string[], io: Io): Promise<number> {
    const { values, positionals, tokens } = parse('audit', args, OPTIONS);
    if (values.help) {
      io.write(HELP);
      return 0;
    }
    const failOn = oneOf<FailOn>('fail-on', values['fail-on'], [...SEVERITIES, 'never'], 'high');
    const inputFormat = values['input-format'] === undefined ? undefined : oneOf('input-format', values['input-format'], INPUT_FORMATS, 'oci');
    const maxBytes = values['max-bytes'] === undefined ? DEFAULT_MAX_BYTES : Number(values['max-bytes']);
    if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) throw new UsageError(`--max-bytes must be a positive whole number; got "${values['max-bytes']}"`);
    const outputs = pairOutputs(tokens, FORMAT_NAMES);
    if (values.against !== undefined && values.pid === undefined) throw new UsageError('caplint audit: --against compares a running process with a config; add --pid PID');
    const live = values.pid === undefined ? undefined : await auditLive(values, positionals, { cwd: io.cwd, maxBytes, readStdin: io.readStdin });
    if (positionals.length === 0 && !live) throw new UsageError('caplint audit: name at least one PATH (a file, a directory, or - for stdin)');

    const collected = live ? { inputs: [], errors: [] } : await collectInputs(positionals, { cwd: io.cwd, maxBytes, readStdin: io.readStdin });
    const { rules, errors: ruleErrors } = await activeRules(values['rule-file'] ?? [], io.cwd);
    const audited = live ? live.audit(rules) : await auditInputs(collected.inputs, rules, inputFormat);
    const built = buildReport({
      inputs: live ? live.inputs : collected.inputs.length + collected.errors.length,
      subjects: audited.subjects,
      findings: audited.findings,
      errors: [...ruleErrors, ...collected.errors, ...audited.errors],
      rules,
      failOn,
      policy: 'built-in rules',
    });
    const report = live ? { ...built, sources: new Map([...built.sources, ...live.sources]), summary: { ...built.summary, live: live.live } } : built;

    for (const spec of outputs) {
      const format = await REPORT_FORMATS[spec.format]!();
      const toFile = spec.output !== undefined && spec.output !== '-';
      const text = format(report, { color: !toFile && wantsColor(io), cwd: io.cwd });
      if (!toFile) io.write(text);
      else {
        try {
          await writeFile(resolve(io.cwd, spec.output!), text);
        } catch (error) {
          throw new UsageError(`cannot write ${spec.output}: ${describeFsError(error)}`);
        }
      }
    }
    return exitCodeOf(report);
  },
};

export default audit;

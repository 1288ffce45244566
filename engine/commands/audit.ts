/** `caplint audit [PATH...|-]`: judge container configs against the rules. */
import { writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Command } from '../cli/commands.js';
import type { Io } from '../cli/io.js';
import { wantsColor } from '../cli/io.js';
import { oneOf, parse } from '../cli/args.js';
import { CaplintError, UsageError, describeFsError } from '../errors.js';
import type { Place } from '../errors.js';
import { SEVERITIES, atOrAbove } from '../model/finding.js';
import type { AuditReport, FailOn, Finding } from '../model/finding.js';
import { collectInputs, DEFAULT_MAX_BYTES } from '../inputs/collect.js';
import { INPUT_FORMATS } from '../inputs/format.js';
import { auditInputs } from '../audit/audit-inputs.js';
import { buildReport, exitCodeOf } from '../audit/build-report.js';
import { pairOutputs } from '../audit/outputs.js';
import type { OutputSpec } from '../audit/outputs.js';
import { prepareAudit } from '../audit/prepare.js';
import { FORMAT_NAMES, REPORT_FORMATS } from '../../reports/index.js';
import { packageJson, packageRoot } from '../paths.js';
import { pathToFileURL } from 'node:url';
import { LIVE_OPTIONS, liveScanOptions } from '../audit/live-options.js';
import type { CollectOptions } from '../inputs/collect.js';
import { customRulesSummary } from '../custom-rules/summary.js';

/** --pid: running processes instead of files (the /proc reader loads only then). */
async function auditLive(values: Parameters<typeof liveScanOptions>[0] & { against?: string }, paths: readonly string[], collect: CollectOptions) {
  if (paths.length) throw new UsageError('caplint audit: give either PATHs or --pid, not both');
  const { liveAudit } = await import('../audit/live-audit.js');
  return liveAudit({ scan: liveScanOptions(values), ...collect, ...(values.against !== undefined ? { against: values.against } : {}) });
}

const HELP = `Usage: caplint audit [PATH...|-] [options]

Audit container configs: OCI config.json, Kubernetes manifests, compose files, docker inspect output
(files, directories searched for them, or - for stdin).

Options:
  --format FORMAT        ${FORMAT_NAMES.join('|')} (repeatable; default text)
  --output FILE          write the preceding --format to FILE
  --fail-on SEVERITY     ${[...SEVERITIES, 'never'].join('|')} (default high)
  --quiet                report only findings at or above --fail-on (the summary still counts all)
  --show-suppressed      list the findings that caplint.dev/ignore entries silenced, with their reasons
  --docs-base-url URL    where docs/rules/<id>.md pages are published, for links in SARIF and HTML
                         (default: HTML links to the installed package's docs)
  --policy NAME|FILE     rules to apply: default, restricted, pss-baseline, pss-restricted, or a profile file
  --seccomp-root DIR     where Kubernetes Localhost seccomp profiles live (read and analysed)
  --input-format FORMAT  ${INPUT_FORMATS.join('|')} (default: detect from content)
  --max-bytes N          largest input read, in bytes (default ${DEFAULT_MAX_BYTES})
  --rule-file FILE       a custom rule in TypeScript (repeatable); checked and sandboxed before it runs
  --baseline FILE        report only findings not accepted in FILE; stale entries are listed
  --update-baseline      accept every current finding into the --baseline file
  --pid PID              audit running processes instead of files (repeatable; see caplint ps)
  --against CONFIG       with --pid: report where each process differs from this OCI config
  --config FILE          caplint.config.json to use (default: the nearest one up from here)
  --no-config            ignore caplint.config.json files
  --allow-empty          exit 0 even when nothing was audited (no container in the inputs, no rule that applies)

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 bad usage or input, or nothing audited.
`;

const OPTIONS = {
  format: { type: 'string', multiple: true },
  output: { type: 'string', short: 'o', multiple: true },
  'fail-on': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  'show-suppressed': { type: 'boolean' },
  'docs-base-url': { type: 'string' },
  'input-format': { type: 'string' },
  policy: { type: 'string' },
  'seccomp-root': { type: 'string' },
  'max-bytes': { type: 'string' },
  'rule-file': { type: 'string', multiple: true },
  baseline: { type: 'string' },
  'update-baseline': { type: 'boolean' },
  config: { type: 'string' },
  'no-config': { type: 'boolean' },
  'allow-empty': { type: 'boolean' },
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
    const failOn = values['fail-on'] === undefined ? undefined : oneOf<FailOn>('fail-on', values['fail-on'], [...SEVERITIES, 'never'], 'high');
    const inputFormat = values['input-format'] === undefined ? undefined : oneOf('input-format', values['input-format'], INPUT_FORMATS, 'oci');
    const maxBytes = values['max-bytes'] === undefined ? DEFAULT_MAX_BYTES : Number(values['max-bytes']);
    if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) throw new UsageError(`--max-bytes must be a positive whole number; got "${values['max-bytes']}"`);
    const flagOutputs = tokens.some((t) => t.kind === 'option' && (t.name === 'format' || t.name === 'output')) ? pairOutputs(tokens, FORMAT_NAMES) : undefined;
    if (values.against !== undefined && values.pid === undefined) throw new UsageError('caplint audit: --against compares a running process with a config; add --pid PID');
    const live = values.pid === undefined ? undefined : await auditLive(values, positionals, { cwd: io.cwd, maxBytes, readStdin: io.readStdin });
    if (positionals.length === 0 && !live) throw new UsageError('caplint audit: name at least one PATH (a file, a directory, or - for stdin)');

    const { ruleSet, settings, policy, config } = await prepareAudit({
      cwd: io.cwd, noConfig: values['no-config'] === true, ruleFiles: values['rule-file'] ?? [],
      ...(values.config !== undefined ? { config: values.config } : {}), ...(values.policy !== undefined ? { policy: values.policy } : {}),
      ...(failOn ? { failOn } : {}), ...(values.baseline ? { baseline: values.baseline } : {}), ...(flagOutputs ? { outputs: flagOutputs } : {}),
    });
    try {
      if (values['update-baseline'] && settings.baseline === undefined) throw new UsageError('--update-baseline needs --baseline FILE');

      const collected = live ? { inputs: [], errors: [] } : await collectInputs(positionals, { cwd: io.cwd, maxBytes, readStdin: io.readStdin });
      const progress = await progressFor(io, collected.inputs.length);
      const loadOptions = { cwd: io.cwd, ...(values['seccomp-root'] === undefined ? {} : { seccompRoot: resolve(io.cwd, values['seccomp-root']) }) };
      const audited = live ? await live.audit(settings.rulesFor('')) : await auditInputs(collected.inputs, settings.rulesFor, inputFormat, progress && (() => progress.tick()), loadOptions);
      progress?.done();
      // A baseline the config names (not --baseline) is placed at the config's "baseline" when it cannot be used.
      const baselineKey = values.baseline === undefined && config?.config.baseline !== undefined ? () => config.place('/baseline') : undefined;
      const compared = settings.baseline === undefined ? undefined : await applyBaseline(settings.baseline, values['update-baseline'] === true, audited.findings, io, baselineKey);
      const built = buildReport({
        inputs: live ? live.inputs : collected.inputs.length + collected.errors.length,
        subjects: audited.subjects,
        findings: compared?.findings ?? audited.findings,
        suppressed: audited.suppressed,
        ...(compared ? { baseline: { file: shown(settings.baseline!, io.cwd), accepted: compared.accepted, stale: compared.stale } } : {}),
        errors: [...settings.errors, ...ruleSet.errors, ...collected.errors, ...audited.errors],
        ...(audited.skipped ? { skipped: audited.skipped } : {}),
        allowEmpty: values['allow-empty'] === true,
        rules: settings.rulesFor(''),
        failOn: settings.failOn,
        policy,
        version: (packageJson() as { version: string }).version,
        docs: { packageUri: pathToFileURL(`${packageRoot()}/`).href, ...(values['docs-base-url'] ? { baseUri: docsBase(values['docs-base-url']) } : {}) },
      });
      const ruleFiles = [...(config?.config.ruleFiles ?? []), ...(values['rule-file'] ?? [])];
      const custom = ruleSet.boundary ? customRulesSummary(ruleSet.boundary, ruleFiles, { fromConfig: config?.config.ruleFiles?.length ?? 0, configFound: values.config === undefined }, positionals, io.cwd) : undefined;
      const summary = { ...built.summary, ...(live ? { live: live.live } : {}), ...(custom ? { customRules: custom } : {}) };
      const report = { ...built, summary, ...(live ? { sources: new Map([...built.sources, ...live.sources]) } : {}) };
      const visible = values.quiet ? { ...report, findings: report.findings.filter((f) => atOrAbove(f.severity, report.summary.failOn)) } : report;
      await writeReports(visible, settings.outputs, io, values['show-suppressed'] === true);
      return exitCodeOf(report);
    } finally {
      ruleSet.close();
    }
  },
};

export default audit;

async function writeReports(report: AuditReport, outputs: readonly OutputSpec[], io: Io, showSuppressed: boolean): Promise<void> {
  for (const spec of outputs) {
    const format = await REPORT_FORMATS[spec.format]!();
    const toFile = spec.output !== undefined && spec.output !== '-';
    const columns = !toFile && io.stdoutIsTTY ? io.stdoutColumns : undefined;
    const text = format(report, { color: !toFile && wantsColor(io), cwd: io.cwd, showSuppressed, ...(columns ? { columns } : {}) });
    if (!toFile) io.write(text);
    else {
      try {
        writeFileSync(resolve(io.cwd, spec.output!), text);
      } catch (error) {
        throw new UsageError(`cannot write ${spec.output}: ${describeFsError(error)}`);
      }
    }
  }
}

/** --docs-base-url must be an absolute http(s) URL. */
function docsBase(value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === 'https:' || url.protocol === 'http:') return url.href;
  } catch { /* reported below */ }
  throw new UsageError(`--docs-base-url must be an absolute http(s) URL; got "${value}"`);
}

/** A path as the user would write it from here. */
function shown(file: string, cwd: string): string {
  const rel = relative(cwd, resolve(cwd, file));
  return rel === '' || rel.startsWith('..') ? file : rel;
}

/**
 * With --baseline: write it first when asked, then set accepted findings
 * aside. `configKey` places the errors a file cannot (missing, unreadable)
 * at the config key that named it.
 */
async function applyBaseline(file: string, update: boolean, findings: readonly Finding[], io: Io, configKey?: () => Place) {
  const { readBaseline, writeBaseline } = await import('../baseline/baseline-file.js');
  const { compareWithBaseline } = await import('../baseline/apply.js');
  let previous: ReturnType<typeof readBaseline>;
  try {
    previous = readBaseline(file, io.cwd);
  } catch (error) {
    if (!configKey || !(error instanceof CaplintError) || error.place?.line != null) throw error;
    throw new CaplintError(`the baseline ${shown(file, io.cwd)} ${error.message.replace(/^cannot read the baseline: /, 'cannot be read: ')}`, configKey());
  }
  if (update) {
    const count = writeBaseline(file, io.cwd, findings, previous, new Date());
    io.error(`caplint: accepted ${count} finding${count === 1 ? '' : 's'} into ${shown(file, io.cwd)}\n`);
    return compareWithBaseline(findings, readBaseline(file, io.cwd)!, io.cwd);
  }
  if (!previous && configKey) throw new CaplintError(`the baseline ${shown(file, io.cwd)} does not exist; create it with --update-baseline`, configKey());
  if (!previous) throw new UsageError(`${file}: no such baseline; create it with --update-baseline`);
  return compareWithBaseline(findings, previous, io.cwd);
}

/** A progress bar on a terminal's stderr for long audits; the module loads only then. */
async function progressFor(io: Io, total: number) {
  if (!io.stderrIsTTY || total <= 300) return undefined;
  const { createProgress } = await import('../../reports/progress.js');
  return createProgress(total, { stream: { isTTY: true, columns: 80, write: (t: string) => io.error(t) }, label: 'auditing' });
}

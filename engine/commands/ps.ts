/**
 * `caplint ps`: running processes grouped into identical groups (and
 * containers), each group judged once; with --containers, each container is
 * compared with its bundle config.json.
 */
import type { Command } from '../cli/commands.js';
import type { Io } from '../cli/io.js';
import { wantsColor } from '../cli/io.js';
import { oneOf, parse } from '../cli/args.js';
import { UsageError } from '../errors.js';
import { SEVERITIES } from '../model/finding.js';
import type { FailOn } from '../model/finding.js';
import { LIVE_OPTIONS, liveScanOptions } from '../audit/live-options.js';
import { startLiveScan } from '../audit/load-processes.js';
import { activeRules } from '../audit/active-rules.js';
import { scanContainers } from '../audit/containers-view.js';
import { buildReport, exitCodeOf } from '../audit/build-report.js';
import { liveSummaryText } from '../audit/live-summary-text.js';
import { compareFindings } from '../runner/run-rules.js';
import { containerTable, groupTable } from './ps-table.js';
import { tableWidth } from './fit-table.js';
import { writePsJson } from './ps-json.js';

const HELP = `Usage: caplint ps [--containers] [--wide] [--pid PID...] [--cgroup PATH] [--reference PID] [--all] [--format text|json]

List running processes grouped: processes with the same container, credentials,
capabilities, namespaces, seccomp filter, no_new_privs, LSM label and cgroup are
one group, judged once by the built-in rules (one finding per rule per group).
The table shows each group's capabilities, seccomp mode, no_new_privs, the
namespaces it shares with the reference process and its cgroup limits.

Options:
  --containers       only processes in containers; compare each container whose
                     bundle config.json is readable with it and report drift
  --wide             do not fit the table to the terminal (by default it is fitted to
                     the terminal's width, or $COLUMNS, or 100 columns)
  --pid PID          only these processes (repeatable, or comma-separated)
  --cgroup PATH      only processes in this cgroup or below it (as /proc/PID/cgroup prints it)
  --reference PID    the process whose namespaces count as the host's (default 1)
  --all              include kernel threads and zombies
  --no-filters       do not dump seccomp filters (by default, with CAP_SYS_ADMIN, each
                     process's filters are read and run over every syscall of its arch)
  --format FORMAT    text|json (default text; json lists every process with its group id)
  --fail-on SEVERITY ${[...SEVERITIES, 'never'].join('|')} (default high)
  --allow-empty      exit 0 even when no process matched

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 bad usage, an unreadable --pid, or no process matched.
`;

const OPTIONS = {
  ...LIVE_OPTIONS,
  containers: { type: 'boolean' },
  wide: { type: 'boolean' },
  format: { type: 'string' },
  'fail-on': { type: 'string' },
  'allow-empty': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const ps: Command = {
  summary: 'list running processes, grouped into containers, and audit them',
  async run(args: readonly string[], io: Io): Promise<number> {
    const { values, positionals } = parse('ps', args, OPTIONS);
    if (values.help) {
      io.write(HELP);
      return 0;
    }
    if (positionals.length) throw new UsageError(`caplint ps takes no paths; got "${positionals[0]}" (use --pid PID)`);
    const format = oneOf('format', values.format, ['text', 'json'], 'text');
    const failOn = oneOf<FailOn>('fail-on', values['fail-on'], [...SEVERITIES, 'never'], 'high');
    const scan = liveScanOptions(values);
    // The addon's threads read /proc while the rules load.
    const started = await startLiveScan(scan);
    const { rules } = await activeRules();
    const containersOnly = values.containers === true;
    const view = await scanContainers({ ...scan, started, rules, compare: containersOnly, cwd: io.cwd, containersOnly });
    const findings = [...view.findings, ...view.drift].sort(compareFindings);
    const built = buildReport({
      inputs: view.subjects.length, subjects: view.groups.map((g) => g.representative), findings, errors: view.errors, rules, failOn,
      policy: 'built-in rules', allowEmpty: values['allow-empty'] === true,
      noSubjects: containersOnly ? 'no process runs in a container this host can recognise' : values.cgroup === undefined ? 'no process matched' : `no process is in the cgroup ${values.cgroup} or below it`,
    });
    const report = { ...built, sources: view.sources, summary: { ...built.summary, subjects: view.subjects.length, groups: view.groups.length, containers: view.containers.length, live: view.live } };
    if (format === 'json') {
      writePsJson((text) => io.write(text), view, report);
      return exitCodeOf(report);
    }
    const width = tableWidth(io.stdoutIsTTY ? io.stdoutColumns : undefined, io.env);
    const wide = values.wide === true;
    io.write(groupTable(view.groups, width, wide));
    if (containersOnly) io.write(`\n${view.containers.length ? containerTable(view.containers, width, wide) : 'no containers found\n'}`);
    io.write('\n');
    io.write(liveSummaryText(view.live));
    const text = (await import('../../reports/text.js')).default;
    io.write(text(report, { color: wantsColor(io), cwd: io.cwd }));
    return exitCodeOf(report);
  },
};

export default ps;

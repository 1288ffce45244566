/** `caplint ps`: every running process as the model sees it, then the findings of the rules on them. */
import type { Command } from '../cli/commands.js';
import type { Io } from '../cli/io.js';
import { wantsColor } from '../cli/io.js';
import { oneOf, parse } from '../cli/args.js';
import { UsageError } from '../errors.js';
import { SEVERITIES } from '../model/finding.js';
import type { FailOn } from '../model/finding.js';
import { loadProcesses } from '../audit/load-processes.js';
import { LIVE_OPTIONS, liveScanOptions } from '../audit/live-options.js';
import { activeRules } from '../audit/active-rules.js';
import { runRules } from '../runner/run-rules.js';
import { buildReport, exitCodeOf } from '../audit/build-report.js';
import { liveSummaryText } from '../audit/live-summary-text.js';
import { processTable } from './ps-table.js';

const HELP = `Usage: caplint ps [--pid PID...] [--cgroup PATH] [--reference PID] [--all] [--format text|json]

List running processes with their capabilities, seccomp mode, no_new_privs,
the namespaces they share with the reference process and their cgroup limits,
then audit them with the built-in rules.

Options:
  --pid PID          only these processes (repeatable, or comma-separated)
  --cgroup PATH      only processes in this cgroup or below it (as /proc/PID/cgroup prints it)
  --reference PID    the process whose namespaces count as the host's (default 1)
  --all              include kernel threads and zombies
  --no-filters       do not dump seccomp filters (by default, with CAP_SYS_ADMIN, each
                     process's filters are read and run over every syscall of its arch)
  --format FORMAT    text|json (default text)
  --fail-on SEVERITY ${[...SEVERITIES, 'never'].join('|')} (default high)
  --allow-empty      exit 0 even when no process matched

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 bad usage, an unreadable --pid, or no process matched.
`;

const OPTIONS = {
  ...LIVE_OPTIONS,
  format: { type: 'string' },
  'fail-on': { type: 'string' },
  'allow-empty': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const ps: Command = {
  summary: 'list running processes and audit them',
  async run(args: readonly string[], io: Io): Promise<number> {
    const { values, positionals } = parse('ps', args, OPTIONS);
    if (values.help) {
      io.write(HELP);
      return 0;
    }
    if (positionals.length) throw new UsageError(`caplint ps takes no paths; got "${positionals[0]}" (use --pid PID)`);
    const format = oneOf('format', values.format, ['text', 'json'], 'text');
    const failOn = oneOf<FailOn>('fail-on', values['fail-on'], [...SEVERITIES, 'never'], 'high');
    const loaded = await loadProcesses(liveScanOptions(values));
    const { rules } = await activeRules();
    const run = runRules(loaded.subjects, rules);
    const built = buildReport({
      inputs: loaded.subjects.length, subjects: loaded.subjects, findings: run.findings,
      errors: [...loaded.errors, ...run.errors], rules, failOn, policy: 'built-in rules', allowEmpty: values['allow-empty'] === true,
      noSubjects: values.cgroup === undefined ? 'no process matched' : `no process is in the cgroup ${values.cgroup} or below it`,
    });
    const report = { ...built, summary: { ...built.summary, live: loaded.live } };
    if (format === 'json') {
      const json = (await import('../../reports/json.js')).default;
      io.write(json(report, { color: false, cwd: io.cwd }));
    } else {
      const text = (await import('../../reports/text.js')).default;
      io.write(processTable(loaded.subjects.map((s) => s.subject), io.stdoutColumns ?? 160));
      io.write('\n');
      io.write(liveSummaryText(loaded.live));
      io.write(text(report, { color: wantsColor(io), cwd: io.cwd }));
    }
    return exitCodeOf(report);
  },
};

export default ps;

/** `caplint rules [ID]`: list the rules, or print one rule's documentation. */
import type { Command } from '../cli/commands.js';
import type { Io } from '../cli/io.js';
import { oneOf, parse } from '../cli/args.js';
import { UsageError, formatPlace } from '../errors.js';
import { hint } from '../linux/suggest.js';
import { ruleDocPage } from '../rule-docs.js';

const HELP = `Usage: caplint rules [ID] [--format text|json] [--rule-file FILE]...

List every rule with its severity, title and the inputs it applies to, or print one rule's documentation.
`;

const rules: Command = {
  summary: 'list the rules, or print one rule\'s documentation',
  async run(args: readonly string[], io: Io): Promise<number> {
    const { values, positionals } = parse('rules', args, {
      format: { type: 'string' },
      'rule-file': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      io.write(HELP);
      return 0;
    }
    const format = oneOf('format', values.format, ['text', 'json'] as const, 'text');
    const { activeRules } = await import('../audit/active-rules.js');
    const loaded = await activeRules(values['rule-file'] ?? [], io.cwd);
    loaded.close();
    for (const e of loaded.errors) io.error(`caplint: ${formatPlace(e)}${e.message}\n`);
    if (loaded.errors.length) return 2;
    const BUILTIN_RULES = loaded.rules.map((r) => r.rule);
    const [id] = positionals;
    if (id !== undefined) {
      const rule = BUILTIN_RULES.find((r) => r.id === id);
      if (!rule) throw new UsageError(`there is no rule "${id}"${hint(id, BUILTIN_RULES.map((r) => r.id))}; run "caplint rules" for the list`);
      io.write(format === 'json' ? `${JSON.stringify({ id: rule.id, ...rule.meta }, null, 2)}\n` : ruleDocPage(rule));
      return 0;
    }
    if (format === 'json') {
      io.write(`${JSON.stringify(BUILTIN_RULES.map((r) => ({ id: r.id, severity: r.meta.severity, title: r.meta.title, appliesTo: r.meta.appliesTo })), null, 2)}\n`);
      return 0;
    }
    const width = Math.max(...BUILTIN_RULES.map((r) => r.id.length));
    for (const r of BUILTIN_RULES) io.write(`${r.id.padEnd(width)}  ${r.meta.severity.padEnd(8)}  ${r.meta.title}  [${r.meta.appliesTo.join(', ')}]\n`);
    return 0;
  },
};

export default rules;

/** `caplint rules [ID]`: list the rules, or print one rule's documentation. */
import type { Command } from '../cli/commands.js';
import type { Io } from '../cli/io.js';
import { oneOf, parse } from '../cli/args.js';
import { UsageError, formatPlace } from '../errors.js';
import { hint } from '../linux/suggest.js';
import { ruleDocPage } from '../rule-docs.js';
import { DEFAULT_POLICY } from '../policy/load-policy.js';
import { groupOf, rulesListText } from './rules-list.js';

const HELP = `Usage: caplint rules [ID] [--format text|json] [--policy NAME|FILE] [--rule-file FILE]...

List every rule, grouped, with its severity, title and the inputs it applies to,
and whether the policy (default: "default") selects it; or print one rule's documentation.
`;

const rules: Command = {
  summary: 'list the rules, or print one rule\'s documentation',
  async run(args: readonly string[], io: Io): Promise<number> {
    const { values, positionals } = parse('rules', args, {
      format: { type: 'string' },
      'rule-file': { type: 'string', multiple: true },
      policy: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      io.write(HELP);
      return 0;
    }
    const format = oneOf('format', values.format, ['text', 'json'] as const, 'text');
    const { activeRules } = await import('../audit/active-rules.js');
    const policy = values.policy ?? DEFAULT_POLICY;
    const loaded = await activeRules(values['rule-file'] ?? [], io.cwd, policy);
    loaded.close();
    for (const e of loaded.errors) io.error(`caplint: ${formatPlace(e)}${e.message}\n`);
    if (loaded.errors.length) return 2;
    const all = [...loaded.all].sort((a, b) => a.id.localeCompare(b.id));
    const enabled = new Set(loaded.rules.map((r) => r.rule.id));
    const [id] = positionals;
    if (id !== undefined) {
      const rule = all.find((r) => r.id === id);
      if (!rule) throw new UsageError(`there is no rule "${id}"${hint(id, all.map((r) => r.id))}; run "caplint rules" for the list`);
      io.write(format === 'json' ? `${JSON.stringify({ id: rule.id, ...rule.meta }, null, 2)}\n` : ruleDocPage(rule));
      return 0;
    }
    if (format === 'json') {
      const json = all.map((r) => ({ id: r.id, group: groupOf(r.id), severity: r.meta.severity, title: r.meta.title, appliesTo: r.meta.appliesTo, enabled: enabled.has(r.id) }));
      io.write(`${JSON.stringify(json, null, 2)}\n`);
      return 0;
    }
    io.write(rulesListText(all.map((rule) => ({ rule, enabled: enabled.has(rule.id) })), policy));
    return 0;
  },
};

export default rules;

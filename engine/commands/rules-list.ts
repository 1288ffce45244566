/** The text listing of `caplint rules`: every rule, grouped by the part of its id before the slash. */
import type { RuleDefinition } from '../rule-api.js';

export interface ListedRule {
  readonly rule: RuleDefinition;
  /** Whether the policy in force selects it. */
  readonly enabled: boolean;
}

export function groupOf(id: string): string {
  const slash = id.indexOf('/');
  return slash < 0 ? id : id.slice(0, slash);
}

export function rulesListText(listed: readonly ListedRule[], policy: string): string {
  const groups = new Map<string, ListedRule[]>();
  for (const entry of listed) {
    const group = groupOf(entry.rule.id);
    groups.set(group, [...(groups.get(group) ?? []), entry]);
  }
  const width = Math.max(0, ...listed.map((l) => l.rule.id.length));
  const out: string[] = [];
  for (const [group, entries] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const off = entries.filter((e) => !e.enabled).length;
    const state = off === entries.length ? `, off under policy "${policy}"` : '';
    out.push(`${group} (${entries.length} rule${entries.length === 1 ? '' : 's'}${state})`);
    for (const { rule, enabled } of entries) {
      const mark = !enabled && off !== entries.length ? '  (off)' : '';
      out.push(`  ${rule.id.padEnd(width)}  ${rule.meta.severity.padEnd(8)}  ${rule.meta.title}  [${rule.meta.appliesTo.join(', ')}]${mark}`);
    }
    out.push('');
  }
  return `${out.join('\n')}${listed.length} rules; "caplint rules ID" prints one rule's documentation.\n`;
}

/** A rule's documentation page, generated from its metadata (docs/rules/<id>.md). */
import type { RuleDefinition } from './rule-api.js';

/** `{{cap}}` in prose sections reads as ‹cap›: filled in per finding. */
export function prose(text: string): string {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, '‹$1›');
}

export function ruleDocPage(rule: RuleDefinition): string {
  const { meta } = rule;
  const lines = [
    `# ${rule.id}`,
    '',
    `> ${meta.title}`,
    '',
    `- Severity: **${meta.severity}**`,
    `- Applies to: ${meta.appliesTo.join(', ')}`,
    '',
    '## What it checks',
    '',
    meta.description,
    '',
    '## Messages',
    '',
    'Words in ‹angle quotes› here and below are filled in for each finding.',
    '',
    ...Object.entries(meta.messages).map(([id, text]) => `- \`${id}\`: ${prose(text)}`),
    '',
    '## Why it matters',
    '',
    prose(meta.rationale),
    '',
    '## What to do',
    '',
    prose(meta.remediation),
    '',
    '## References',
    '',
    ...meta.references.map((r) => `- ${r}`),
    '',
  ];
  if (meta.options) lines.push('## Options', '', '```json', JSON.stringify(meta.options, null, 2), '```', '');
  lines.push('<!-- Generated from the rule\'s metadata by `npm run gen`. Do not edit. -->', '');
  return lines.join('\n');
}

/** docs/rules/README.md: one line per rule. */
export function ruleIndexPage(rules: readonly RuleDefinition[]): string {
  const rows = rules.map((r) => `| [${r.id}](${r.id}.md) | ${r.meta.severity} | ${r.meta.title} | ${r.meta.appliesTo.join(', ')} |`);
  return [
    '# Rules',
    '',
    '| id | severity | title | applies to |',
    '|---|---|---|---|',
    ...rows,
    '',
    '<!-- Generated from the rules\' metadata by `npm run gen`. Do not edit. -->',
    '',
  ].join('\n');
}

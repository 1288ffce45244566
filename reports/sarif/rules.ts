/** SARIF reportingDescriptors (tool.driver.rules) from caplint's rule metadata. */
import type { RuleSummary, Severity, ToolInfo } from '../../engine/model/finding.js';
import { docsUri } from '../common/docs.js';
import { escapeMarkdown } from '../common/escape.js';
import { ruleGroup } from '../common/order.js';

export type SarifLevel = 'error' | 'warning' | 'note';

export const SARIF_LEVEL: Readonly<Record<Severity, SarifLevel>> = {
  critical: 'error', high: 'error', medium: 'warning', low: 'warning', info: 'note',
};

/** GitHub code scanning reads `security-severity` (0.0–10.0) to rank alerts. */
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = {
  critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0',
};

/** `capabilities/no-dangerous` → `CapabilitiesNoDangerous` (SARIF `name` is identifier-like). */
export function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

export function ruleDescriptor(rule: RuleSummary, tool: ToolInfo | undefined): Record<string, unknown> {
  const helpUri = docsUri(rule, tool);
  const references = rule.references.map((r) => `- ${r}`).join('\n');
  const text = [rule.remediation, references && `References:\n${references}`, `Documentation: ${rule.docsPath}`]
    .filter(Boolean)
    .join('\n\n');
  const markdown = [
    `**Remediation.** ${escapeMarkdown(rule.remediation)}`,
    rule.references.length ? `**References**\n\n${rule.references.map((r) => `- ${escapeMarkdown(r)}`).join('\n')}` : '',
    helpUri ? `[Documentation](${helpUri})` : `Documentation: ${escapeMarkdown(rule.docsPath)}`,
  ].filter(Boolean).join('\n\n');
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    help: { text, markdown },
    ...(helpUri ? { helpUri } : {}),
    defaultConfiguration: { level: SARIF_LEVEL[rule.severity] },
    properties: {
      tags: ['security', 'containers', ruleGroup(rule.id)],
      'security-severity': SECURITY_SEVERITY[rule.severity],
      severity: rule.severity,
    },
  };
}

/** A rule that produced findings but is missing from the report's rule list (e.g. a custom rule). */
export function placeholderRule(id: string, severity: Severity): RuleSummary {
  return { id, severity, title: id, description: id, remediation: '', references: [], docsPath: `docs/rules/${id}.md` };
}

/**
 * caplint's public API for custom rules: `import { defineRule } from 'caplint'`.
 * Custom rules run in a sandbox where only this module can be imported.
 */
export { defineRule } from './rule-api.js';
export type { RuleDefinition, RuleMeta, RuleContext, ReportData, ReportExtra } from './rule-api.js';
export type * from './model/subject.js';
export type { Severity } from './model/finding.js';
export type { NamespaceType } from './linux/namespaces.js';

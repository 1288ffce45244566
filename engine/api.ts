/**
 * caplint's public API: `import { audit, formatReport } from 'caplint'` runs
 * an audit from code, and `import { defineRule } from 'caplint'` is what
 * custom rules use (in their sandbox, only defineRule is there).
 */
export { defineRule } from './rule-api.js';
export type { RuleDefinition, RuleMeta, RuleContext, ReportData, ReportExtra } from './rule-api.js';
export type * from './model/subject.js';
export type { Severity } from './model/finding.js';
export type { NamespaceType } from './linux/namespaces.js';
export { audit, formatReport } from './audit/programmatic.js';
export type { AuditOptions, AuditResult } from './audit/programmatic.js';
export type { AuditReport, Finding, FindingSuppression, InputError, Summary, FailOn } from './model/finding.js';
export { CaplintError } from './errors.js';

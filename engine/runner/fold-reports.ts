/**
 * Folding: the reports one rule made on one subject, merged into one per
 * message: `holds CAP_SYS_ADMIN in its bounding set` and `holds CAP_NET_ADMIN
 * in its bounding set` become `holds CAP_SYS_ADMIN and CAP_NET_ADMIN in its
 * bounding set`. Each placeholder keeps its distinct values (list items
 * merged, sentences joined with `;`); the severity is the highest reported.
 */
import type { Severity } from '../model/finding.js';
import { severityRank } from '../model/finding.js';
import type { ReportData, ReportExtra } from '../rule-api.js';
import { listWords } from '../model/query.js';

export interface Report {
  readonly messageId: string;
  readonly data: ReportData;
  readonly at: string;
  readonly extra?: ReportExtra;
}

export function foldReports(reports: readonly Report[], defaultSeverity: Severity): Report[] {
  const byMessage = new Map<string, Report[]>();
  for (const r of reports) byMessage.set(r.messageId, [...(byMessage.get(r.messageId) ?? []), r]);
  return [...byMessage.values()].map((same) => (same.length === 1 ? same[0]! : merge(same, defaultSeverity)));
}

function merge(same: readonly Report[], defaultSeverity: Severity): Report {
  const keys = new Set(same.flatMap((r) => Object.keys(r.data)));
  const data: Record<string, string | number> = {};
  for (const key of keys) data[key] = mergeValues(same.map((r) => r.data[key]).filter((v) => v !== undefined));
  const severity = same.map((r) => r.extra?.severity ?? defaultSeverity).reduce((a, b) => (severityRank(b) > severityRank(a) ? b : a));
  return { messageId: same[0]!.messageId, data, at: same[0]!.at, extra: { ...same[0]!.extra, severity } };
}

function mergeValues(values: readonly (string | number)[]): string | number {
  const distinct = [...new Set(values.map(String))].filter((v) => v !== '');
  if (distinct.length === 0) return '';
  if (distinct.length === 1) return values.find((v) => String(v) === distinct[0])!;
  if (distinct.some((v) => /[:.;]\s/.test(v))) return distinct.join('; ');
  const items = [...new Set(distinct.flatMap((v) => v.split(/, | and /)))];
  return listWords(items);
}

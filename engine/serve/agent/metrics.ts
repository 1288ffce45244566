/**
 * The agent's state in the Prometheus text exposition format (version 0.0.4):
 * findings by severity, rule and namespace; drifting containers; scan
 * duration; Unknowns by reason.
 */
import type { NodeScan } from './node-scan.js';

export interface AgentCounters {
  readonly scans: number;
  readonly failedScans: number;
  readonly lastScanTime: number;
}

/** A label value with \, " and line feeds escaped, as the format requires. */
export function labelValue(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function metric(name: string, type: 'gauge' | 'counter', help: string, samples: readonly [Record<string, string>, number][]): string[] {
  const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`];
  for (const [labels, value] of samples) {
    const text = Object.entries(labels).map(([k, v]) => `${k}="${labelValue(v)}"`).join(',');
    lines.push(`${name}${text ? `{${text}}` : ''} ${value}`);
  }
  return lines;
}

export function renderMetrics(scan: NodeScan | undefined, counters: AgentCounters): string {
  const findings = new Map<string, { labels: Record<string, string>; n: number }>();
  for (const f of scan?.findings ?? []) {
    const labels = { severity: f.severity, rule: f.ruleId, namespace: scan!.namespaces.get(f.subject) ?? '' };
    const key = JSON.stringify(labels);
    const entry = findings.get(key) ?? { labels, n: 0 };
    entry.n++;
    findings.set(key, entry);
  }
  return [
    ...metric('caplint_findings', 'gauge', 'Findings of the last scan, by severity, rule and Kubernetes namespace (empty when not a Kubernetes container).', [...findings.values()].map((e) => [e.labels, e.n])),
    ...metric('caplint_drifting_containers', 'gauge', 'Containers whose processes differ from the bundle config they were started from.', scan ? [[{}, scan.drifting.length]] : []),
    ...metric('caplint_checked_containers', 'gauge', 'Containers whose bundle config was found and compared with their processes.', scan ? [[{}, scan.containersChecked]] : []),
    ...metric('caplint_processes', 'gauge', 'Processes audited by the last scan.', scan ? [[{}, scan.processes]] : []),
    ...metric('caplint_unknowns', 'gauge', 'Fields the last scan could not read, by reason (never counted as safe).', Object.entries(scan?.unknowns ?? {}).map(([reason, n]) => [{ reason }, n])),
    ...metric('caplint_scan_duration_seconds', 'gauge', 'How long the last scan took.', scan ? [[{}, scan.seconds]] : []),
    ...metric('caplint_scans_total', 'counter', 'Scans completed.', [[{}, counters.scans]]),
    ...metric('caplint_scan_failures_total', 'counter', 'Scans that failed.', [[{}, counters.failedScans]]),
    ...metric('caplint_last_scan_timestamp_seconds', 'gauge', 'When the last scan completed (Unix time).', counters.lastScanTime ? [[{}, counters.lastScanTime]] : []),
  ].join('\n') + '\n';
}

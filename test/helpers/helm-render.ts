/**
 * Renders the Helm chart's templates where no helm binary is installed, with
 * exactly what the chart uses: `{{ .Values.a.b }}`, `{{ .Release.Namespace }}`,
 * `{{ .Chart.AppVersion }}` and the `quote` function. Anything else throws,
 * so a template that outgrows this renderer fails its test instead of
 * rendering wrongly.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface RenderContext {
  readonly Values: Record<string, unknown>;
  readonly Release: { readonly Namespace: string; readonly Name: string };
  readonly Chart: Record<string, unknown>;
}

function lookup(context: RenderContext, path: string, where: string): unknown {
  const [root, ...keys] = path.slice(1).split('.');
  let node: unknown = (context as unknown as Record<string, unknown>)[root!];
  for (const key of keys) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  if (node === undefined) throw new Error(`${where}: ${path} has no value`);
  return node;
}

export function renderTemplate(text: string, context: RenderContext, where: string): string {
  return text.replace(/\{\{(.*?)\}\}/g, (_all, inner: string) => {
    const [expr, ...pipes] = inner.split('|').map((p) => p.trim());
    if (!/^\.(Values|Release|Chart)(\.[A-Za-z0-9_]+)+$/.test(expr!)) throw new Error(`${where}: the test renderer does not support {{${inner}}}`);
    let value = lookup(context, expr!, where);
    for (const pipe of pipes) {
      if (pipe !== 'quote') throw new Error(`${where}: the test renderer does not support the function "${pipe}"`);
      value = JSON.stringify(String(value));
    }
    if (typeof value === 'object') throw new Error(`${where}: ${expr} is not a scalar`);
    return String(value);
  });
}

export function renderChart(chartDir: string, namespace: string, release = 'caplint'): string[] {
  const chart = parse(readFileSync(join(chartDir, 'Chart.yaml'), 'utf8')) as Record<string, unknown>;
  const values = parse(readFileSync(join(chartDir, 'values.yaml'), 'utf8')) as Record<string, unknown>;
  const context: RenderContext = {
    Values: values,
    Release: { Namespace: namespace, Name: release },
    Chart: { ...chart, AppVersion: chart.appVersion, Name: chart.name, Version: chart.version },
  };
  const dir = join(chartDir, 'templates');
  return readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().map((f) => renderTemplate(readFileSync(join(dir, f), 'utf8'), context, `templates/${f}`));
}

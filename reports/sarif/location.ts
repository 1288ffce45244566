/** SARIF locations: URIs relative to the working directory, 1-based regions. */
import type { Finding, InputError } from '../../engine/model/finding.js';
import { relativePath, STDIN } from '../common/location.js';

/** Findings' paths resolve against this base; it is left undefined so no absolute path is written. */
export const URI_BASE_ID = 'SRCROOT';

type Placed = Pick<Finding, 'file' | 'line' | 'column'> & Partial<Pick<Finding, 'endLine' | 'endColumn'>>;

export function relativeUri(file: string, cwd: string): string {
  return relativePath(file, cwd).split('/').map(encodeURIComponent).join('/');
}

/** The finding's span; without a line, the whole file when its text is known (`lineCount`). */
export function region(item: Placed, lineCount?: number): Record<string, number> | undefined {
  if (item.line === null) return lineCount ? { startLine: 1, endLine: lineCount } : undefined;
  const startLine = Math.max(1, item.line);
  const startColumn = Math.max(1, item.column ?? 1);
  const endLine = Math.max(startLine, item.endLine ?? startLine);
  const out: Record<string, number> = { startLine, startColumn, endLine };
  if (item.endColumn !== null && item.endColumn !== undefined) {
    out.endColumn = endLine === startLine ? Math.max(startColumn, item.endColumn) : Math.max(1, item.endColumn);
  }
  return out;
}

/** A physical location, or undefined for a live process (it has no file). */
export function physicalLocation(item: Placed | InputError, cwd: string, source?: string): Record<string, unknown> | undefined {
  if (item.file === null) return undefined;
  const artifactLocation = item.file === STDIN
    ? { description: { text: 'standard input' } }
    : { uri: relativeUri(item.file, cwd), uriBaseId: URI_BASE_ID };
  const r = region(item, source === undefined ? undefined : source.split(/\r?\n/).length);
  return { artifactLocation, ...(r ? { region: r } : {}) };
}

export function findingLocation(finding: Finding, cwd: string, source?: string): Record<string, unknown> {
  const physical = physicalLocation(finding, cwd, source);
  const logical = {
    name: finding.subject,
    kind: finding.file === null ? 'process' : 'container',
    ...(finding.pointer !== null ? { fullyQualifiedName: `${finding.subject}#${finding.pointer}` } : {}),
  };
  return { ...(physical ? { physicalLocation: physical } : {}), logicalLocations: [logical] };
}

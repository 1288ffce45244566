/**
 * What the report says about custom rules: the boundary they ran behind, and
 * which rule files came from the tree being audited (a repository's own
 * caplint.config.json can name them: such rules are the audited party's code).
 */
import { relative, resolve, sep } from 'node:path';
import type { CustomRulesSummary } from '../model/finding.js';
import { describeBoundary } from './boundary.js';
import type { Boundary } from './boundary.js';

function inside(file: string, dir: string): boolean {
  const rel = relative(dir, file);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep));
}

export function customRulesSummary(boundary: Boundary, ruleFiles: readonly string[], fromConfig: number, audited: readonly string[], cwd: string): CustomRulesSummary {
  const roots = audited.filter((p) => p !== '-').map((p) => resolve(cwd, p));
  const files = ruleFiles.map((file, i) => ({
    file,
    from: i < fromConfig ? ('config' as const) : ('command line' as const),
    inAuditedTree: roots.some((root) => inside(resolve(cwd, file), root)),
  }));
  return { boundary: boundary.kind, description: describeBoundary(boundary), files };
}

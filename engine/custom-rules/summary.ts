/**
 * What the report says about custom rules: the boundary they ran behind, and
 * which rule files came from the tree being audited: named by a
 * caplint.config.json that caplint found by itself (the repository's own), or
 * lying inside an audited path. Such rules are the audited party's code.
 */
import { relative, resolve, sep } from 'node:path';
import type { CustomRulesSummary } from '../model/finding.js';
import { describeBoundary } from './boundary.js';
import type { Boundary } from './boundary.js';

function inside(file: string, dir: string): boolean {
  const rel = relative(dir, file);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep));
}

export interface RuleFileOrigins {
  /** The first this many rule files came from caplint.config.json. */
  readonly fromConfig: number;
  /** The config was found walking up from the working directory, not named with --config. */
  readonly configFound: boolean;
}

export function customRulesSummary(boundary: Boundary, ruleFiles: readonly string[], origins: RuleFileOrigins, audited: readonly string[], cwd: string): CustomRulesSummary {
  const roots = audited.filter((p) => p !== '-').map((p) => resolve(cwd, p));
  const files = ruleFiles.map((file, i) => {
    const config = i < origins.fromConfig;
    const rel = relative(cwd, resolve(cwd, file));
    return {
      file: rel.startsWith('..') || rel.startsWith(sep) ? file : rel,
      from: config ? ('config' as const) : ('command line' as const),
      inAuditedTree: (config && origins.configFound) || roots.some((root) => inside(resolve(cwd, file), root)),
    };
  });
  return { boundary: boundary.kind, description: describeBoundary(boundary), files };
}

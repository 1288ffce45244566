/**
 * partialFingerprints that survive unrelated edits: a hash of file, subject,
 * rule and JSON pointer (never line numbers), plus an occurrence count so
 * findings that share all four stay distinct.
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../../engine/model/finding.js';
import { relativePath } from '../common/location.js';

export const FINGERPRINT_KEY = 'caplintFinding/v1';

export function findingHash(finding: Finding, cwd: string): string {
  const file = finding.file === null ? '' : relativePath(finding.file, cwd);
  const parts = [file, finding.subject, finding.ruleId, finding.pointer ?? ''];
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

/** Fingerprints for findings in report order. */
export function fingerprints(findings: readonly Finding[], cwd: string): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const hash = findingHash(f, cwd);
    const occurrence = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, occurrence);
    return `${hash}:${occurrence}`;
  });
}

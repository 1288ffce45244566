/**
 * Memory per input is released once the input is audited: the report keeps
 * findings, the model and the text of files with findings, never the parse
 * tree, the locator or a seccomp profile's parsed document.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditInputs } from '../../engine/audit/audit-inputs.js';
import { loadPolicy } from '../../engine/policy/load-policy.js';
import { ROOT } from '../helpers/cli.js';
import { HARDENED_PATH, RUNC_DEFAULT_PATH } from '../helpers/oci.js';

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

describe('what an audit keeps of each input', () => {
  it('drops the parse tree, the locator and inline seccomp documents, and the text of files without findings', async () => {
    const { rules } = await loadPolicy('default', ROOT);
    const inputs = [
      { file: 'risky.yaml', text: read('examples/kubernetes/risky.yaml') },
      { file: 'hardened.json', text: readFileSync(HARDENED_PATH, 'utf8') },
      { file: 'runc.json', text: readFileSync(RUNC_DEFAULT_PATH, 'utf8') },
    ];
    const clean = (await auditInputs([inputs[1]!], rules.filter((r) => r.rule.id === 'seccomp/required'))).subjects[0]!;
    expect(clean.document).toBeNull();
    const audited = await auditInputs(inputs, rules);
    expect(audited.findings.length).toBeGreaterThan(10);
    for (const { subject, document, locate } of audited.subjects) {
      expect(locate('subject')).toBeNull();
      if (document) {
        expect(Object.keys(document).sort()).toEqual(['file', 'span', 'text']);
        expect(document.span('')).toBeUndefined();
        expect(document.text).toBe(inputs.find((i) => i.file === subject.file)!.text);
      }
      if (subject.seccomp.mode === 'filter' && subject.seccomp.profile) expect(subject.seccomp.profile.document).toBeNull();
    }
    const hardened = audited.subjects.find((s) => s.subject.file === 'hardened.json')!.subject;
    expect(hardened.seccomp).toMatchObject({ mode: 'filter', profile: { format: 'oci', pointer: '/linux/seccomp', document: null } });
    // Findings were placed before the tree went.
    expect(audited.findings.filter((f) => f.file === 'risky.yaml').every((f) => f.line !== null && f.line > 0)).toBe(true);
  });

  const bench = join(ROOT, 'bench/memory-per-input.mjs');
  const built = existsSync(join(ROOT, 'dist/engine/audit/audit-inputs.js'));
  if (!built) console.warn('SKIPPED: the heap bound per input because dist/ is not built (npm run build)');
  it.skipIf(!built)('heap kept per input stays under 16 KB over 2,000 files (it was 24 KB with the trees kept), and does not grow with the count', () => {
    const run = spawnSync(process.execPath, ['--expose-gc', bench, '2000', '--json'], { encoding: 'utf8', timeout: 120_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const { small, large } = JSON.parse(run.stdout) as Record<'small' | 'large', { files: number; heapPerFile: number; findingsPerFile: number }>;
    expect(large.files).toBe(2000);
    expect(large.findingsPerFile).toBeGreaterThan(10);
    expect(large.heapPerFile).toBeLessThan(16 * 1024);
    expect(large.heapPerFile / small.heapPerFile).toBeLessThan(1.5);
  }, 150_000);
});

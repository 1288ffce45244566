/**
 * The harness catches what reviewers miss: every rule has valid metadata,
 * an up-to-date docs page, and tests that name it.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUILTIN_RULES } from '../../rules/index.js';
import { SEVERITIES } from '../../engine/model/finding.js';
import { SUBJECT_KINDS } from '../../engine/model/subject.js';
import { placeholdersOf } from '../../engine/rule-api.js';
import { ruleDocPage, ruleIndexPage } from '../../engine/rule-docs.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

function testSources(dir: string): string {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.test.ts'))
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'))
    .join('\n');
}

describe('built-in rules', () => {
  const tests = testSources(join(root, 'test'));

  it('are sorted by id and unique', () => {
    const ids = BUILTIN_RULES.map((r) => r.id);
    expect(ids).toEqual([...new Set(ids)].sort());
  });

  for (const rule of BUILTIN_RULES) {
    describe(rule.id, () => {
      it('lives at rules/<id>.ts', () => {
        expect(existsSync(join(root, 'rules', `${rule.id}.ts`))).toBe(true);
        expect(rule.id).toMatch(/^[a-z]+(-[a-z]+)*\/[a-z0-9]+(-[a-z0-9]+)*$/);
      });

      it('has complete metadata', () => {
        const { meta } = rule;
        expect(SEVERITIES).toContain(meta.severity);
        expect(meta.appliesTo.length).toBeGreaterThan(0);
        for (const kind of meta.appliesTo) expect(SUBJECT_KINDS).toContain(kind);
        for (const text of [meta.title, meta.description, meta.rationale, meta.remediation]) expect(text.trim().length).toBeGreaterThan(10);
        expect(Object.keys(meta.messages).length).toBeGreaterThan(0);
        expect(meta.references.length).toBeGreaterThan(0);
      });

      it('uses only placeholders its messages can fill', () => {
        for (const [id, template] of Object.entries(rule.meta.messages)) {
          for (const name of placeholdersOf(template)) expect(name, `message ${id}`).toMatch(/^\w+$/);
          expect(template.endsWith('.'), `message ${id} is a sentence`).toBe(true);
        }
      });

      it('has an up-to-date docs page', () => {
        const page = join(root, 'docs', 'rules', `${rule.id}.md`);
        expect(existsSync(page), `${page} is missing: run npm run gen`).toBe(true);
        expect(readFileSync(page, 'utf8'), 'docs page is stale: run npm run gen').toBe(ruleDocPage(rule));
      });

      it('is named by a test', () => {
        expect(tests.includes(`'${rule.id}'`), `no test names '${rule.id}'`).toBe(true);
      });
    });
  }

  it('have an up-to-date index page', () => {
    expect(readFileSync(join(root, 'docs', 'rules', 'README.md'), 'utf8')).toBe(ruleIndexPage(BUILTIN_RULES));
  });
});

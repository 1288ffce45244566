/**
 * The HTML report in a real browser (Debian's chromium, headless): the
 * rendered DOM holds every finding and the subject matrix, hostile names stay
 * text, and the page starts no request. Writes test-artifacts/report.png.
 * Skipped, with the reason printed, when chromium is not installed.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { escapeMarkup } from '../../reports/common/escape.js';
import { CURRENT_FINDINGS, FIXTURE_REPORT, HOSTILE_NAME } from '../fixtures/reports/audit-report.js';
import { findChromium, runChromium } from '../helpers/chromium.js';
import { render } from '../helpers/render.js';

const chromium = findChromium();
if (!chromium) console.warn('html-browser: skipped, chromium is not installed (apt-get install -y chromium, or set CHROMIUM_BIN)');

/** The text a reader sees: tags dropped, the serializer's entities decoded. */
function textOf(dom: string): string {
  return dom.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&');
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe.skipIf(!chromium)('html report in headless chromium', () => {
  let page: string;
  let url: string;
  beforeAll(async () => {
    page = await render('html');
    const dir = mkdtempSync(join(tmpdir(), 'caplint-html-'));
    writeFileSync(join(dir, 'report.html'), page);
    url = pathToFileURL(join(dir, 'report.html')).href;
  });

  it('renders every finding, its code frame and the subject matrix', () => {
    const { stdout: dom } = runChromium(chromium!, url, ['--dump-dom']);
    const text = textOf(dom);
    for (const f of CURRENT_FINDINGS) expect(text).toContain(f.message.replace(/\r\n/g, '\n'));
    expect(dom.match(/<article class="finding/g)).toHaveLength(CURRENT_FINDINGS.length);
    expect(text).not.toContain('CAP_NET_RAW');
    expect(text).toContain('fixed since the baseline');
    const matrix = /<table class="matrix">([\s\S]*?)<\/table>/.exec(dom)?.[1] ?? '';
    expect(matrix.match(/<tr>/g)).toHaveLength(FIXTURE_REPORT.subjects.length + 1);
    for (const column of ['Capabilities', 'Namespaces', 'Seccomp', 'no_new_privs', 'Limits']) expect(matrix).toContain(`>${column}</th>`);
    expect(matrix).toContain('class="unknown"');
    expect(dom).toContain('<mark>"CAP_SYS_ADMIN"</mark>');
  });

  it('keeps hostile names as text: the only script element is the report\'s own filter', () => {
    const { stdout: dom } = runChromium(chromium!, url, ['--dump-dom']);
    expect(dom.match(/<script/gi)).toHaveLength(1);
    expect(dom).toContain('<script>\n(() => {\n  const order');
    expect(dom).toContain(escapeMarkup(HOSTILE_NAME));
  });

  it('filters by severity, rule and subject: the visible set changes, and subjects without a visible finding hide', () => {
    const visible = (fragment: string) => {
      const { stdout: dom, pageRequests } = runChromium(chromium!, `${url}${fragment}`, ['--dump-dom']);
      expect(pageRequests).toEqual([]);
      const articles = [...dom.matchAll(/<article class="finding[^"]*" data-severity="(\w+)" data-rule="([^"]+)"( hidden="")?>/g)];
      const sections = [...dom.matchAll(/<section class="subject"[^>]*?( hidden="")?>/g)];
      return {
        shown: articles.filter((a) => !a[3]).map((a) => `${a[1]} ${a[2]}`),
        sections: sections.filter((s) => !s[1]).length,
        count: /<span id="filter-shown">(\d+)<\/span>/.exec(dom)![1],
      };
    };
    const all = visible('');
    expect(all.shown).toHaveLength(CURRENT_FINDINGS.length);
    const high = visible('#severity=high');
    expect(high.shown.sort()).toEqual(CURRENT_FINDINGS.filter((f) => f.severity === 'high' || f.severity === 'critical').map((f) => `${f.severity} ${f.ruleId}`).sort());
    expect(high.count).toBe(String(high.shown.length));
    expect(high.sections).toBeLessThan(all.sections);
    const rule = visible('#rule=seccomp/required');
    expect(rule.shown).toEqual(['medium seccomp/required']);
    expect(rule.sections).toBe(1);
    const subject = visible('#subject=nginx');
    expect(subject.shown).toEqual(['info subject/info']);
  });

  it('starts no request; a page that would is caught by the same check', () => {
    expect(runChromium(chromium!, url, ['--dump-dom']).pageRequests).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), 'caplint-html-'));
    writeFileSync(join(dir, 'leak.html'), '<!DOCTYPE html><img src="http://leak.invalid/x.png">');
    const leak = runChromium(chromium!, pathToFileURL(join(dir, 'leak.html')).href, ['--dump-dom']);
    expect(leak.pageRequests).toContain('http://leak.invalid/x.png');
  });

  it('allows only its own stylesheet: the CSP hash matches the inline style and no URL loads anything', () => {
    const style = /<style>([\s\S]*?)<\/style>/.exec(page)![1]!;
    const hash = createHash('sha256').update(style).digest('base64');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(page)![1]!.replace(/&#39;/g, "'");
    expect(csp).toContain(`style-src 'sha256-${hash}'`);
    expect(csp).toMatch(/^default-src 'none';/);
    const scripts = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(1);
    expect(csp).toContain(`script-src 'sha256-${createHash('sha256').update(scripts[0]![1]!).digest('base64')}'`);
    expect(csp).toContain("connect-src 'none'");
    expect(page).not.toMatch(/<(link|img|iframe|object|embed)\b/i);
    expect(page).not.toMatch(/<script\s+src/i);
    expect(page).not.toMatch(/url\(/);
    const urls = page.match(/https?:\/\/[^\s"'<>]+/g) ?? [];
    for (const u of urls) expect(u.startsWith(FIXTURE_REPORT.tool!.docsBaseUri!), u).toBe(true);
    for (const [, attr] of page.matchAll(/\s(\w+)="https?:/g)) expect(attr).toBe('href');
  });

  it('takes the screenshot artefact test-artifacts/report.png', () => {
    mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
    const target = join(ROOT, 'test-artifacts', 'report.png');
    runChromium(chromium!, url, [`--screenshot=${target}`, '--window-size=1280,2000', '--hide-scrollbars']);
    const { stdout: dom } = runChromium(chromium!, url, ['--dump-dom']);
    expect(dom.length).toBeGreaterThan(1000);
  });
});

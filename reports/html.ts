/**
 * One self-contained HTML file for pre-deploy review: inline CSS and one
 * inline filter script (each allowed by its hash in a strict
 * Content-Security-Policy), inline SVG charts, findings folded per subject,
 * no font, no request of any kind. Every piece of report text is escaped by the
 * `html` tag.
 */
import { createHash } from 'node:crypto';
import type { ReportFormatter } from '../engine/model/finding.js';
import { errorsSection, findingsSection } from './html/findings.js';
import { html, Markup } from './html/markup.js';
import { matrix } from './html/matrix.js';
import { overview, policySection } from './html/overview.js';
import { STYLE } from './html/style.js';
import { FILTER_SCRIPT } from './html/filter-script.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64');

/** Nothing may load: no image, font, frame or connection; only the one stylesheet and the one filter script below, by hash. */
export function contentSecurityPolicy(style: string, script: string): string {
  return `default-src 'none'; style-src 'sha256-${sha256(style)}'; img-src 'none'; font-src 'none'; connect-src 'none'; script-src 'sha256-${sha256(script)}'; base-uri 'none'; form-action 'none'`;
}

const report: ReportFormatter = (audit, { cwd }) => {
  const version = audit.tool?.version;
  const page = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(STYLE, FILTER_SCRIPT)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>caplint audit: ${audit.summary.findings} findings (policy ${audit.policy})</title>
<style>${new Markup(STYLE)}</style>
</head>
<body>
${overview(audit)}
<section id="subjects"><h2>Subjects</h2>
${matrix(audit, cwd)}
</section>
<section id="findings"><h2>Findings</h2>
${findingsSection(audit, cwd)}
</section>
${errorsSection(audit.errors, cwd)}
${policySection(audit)}
<footer>caplint${version ? ` ${version}` : ''} · policy ${audit.policy}</footer>
<script>${new Markup(FILTER_SCRIPT)}</script>
</body>
</html>
`;
  return page.value;
};

export default report;


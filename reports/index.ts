/** Report formats by name; each module is imported only when used. */
import type { ReportFormatter } from '../engine/model/finding.js';

export const REPORT_FORMATS: Readonly<Record<string, () => Promise<ReportFormatter>>> = {
  text: async () => (await import('./text.js')).default,
  json: async () => (await import('./json.js')).default,
  sarif: async () => (await import('./sarif.js')).default,
  junit: async () => (await import('./junit.js')).default,
  github: async () => (await import('./github.js')).default,
  markdown: async () => (await import('./markdown.js')).default,
  html: async () => (await import('./html.js')).default,
  compact: async () => (await import('./compact.js')).default,
  gitlab: async () => (await import('./gitlab.js')).default,
};

export const FORMAT_NAMES = Object.keys(REPORT_FORMATS);

/** Links to a rule's docs page (`RuleSummary.docsPath`), when the report knows where docs are published. */
import type { RuleSummary, ToolInfo } from '../../engine/model/finding.js';

/** The absolute URL of the page, or undefined without `tool.docsBaseUri`. */
export function docsUri(rule: RuleSummary, tool: ToolInfo | undefined): string | undefined {
  if (!tool?.docsBaseUri) return undefined;
  const base = tool.docsBaseUri.endsWith('/') ? tool.docsBaseUri : `${tool.docsBaseUri}/`;
  return new URL(rule.docsPath.split('/').map(encodeURIComponent).join('/'), base).href;
}

/** The lines a text report of a live audit adds: notes, skipped processes and unreadable fields by reason. */
import type { LiveSummary } from '../model/finding.js';
import { terminalSafe } from '../../reports/common/terminal.js';

export function liveSummaryText(live: LiveSummary): string {
  const lines: string[] = [];
  for (const note of live.notes) lines.push(`note: ${note}`);
  const skipped = Object.entries(live.skipped);
  if (skipped.length) lines.push(`skipped: ${skipped.map(([why, n]) => `${n} ${why}`).join(', ')}${'kernel thread' in live.skipped || 'zombie' in live.skipped ? ' (--all includes kernel threads and zombies)' : ''}`);
  const unreadable = Object.entries(live.unreadable);
  if (unreadable.length) lines.push(`could not read: ${unreadable.map(([why, n]) => `${why} (${n})`).join('; ')}`);
  return lines.length ? `${lines.map(terminalSafe).join('\n')}\n` : '';
}

/**
 * What each matrix cell says about a subject; Unknown values are shown as
 * such, never as safe. A value is marked bad only when a rule judged it (a
 * finding in the cell's column): a host time namespace no rule flags is
 * shown as a plain fact, not in red.
 */
import type { Capabilities, Limits, Maybe, Namespaces, SeccompState } from '../../engine/model/subject.js';
import { html } from './markup.js';
import type { Markup } from './markup.js';

/** Reports take subject types only, not the engine's helpers; this mirrors the model's Unknown check. */
function isUnknown(value: unknown): value is { unknown: true; reason: string } {
  return typeof value === 'object' && value !== null && (value as { unknown?: unknown }).unknown === true;
}

export function unknownMark(reason: string): Markup {
  return html`<span class="unknown" title="${reason}">unknown</span>`;
}

function maybe<T>(value: Maybe<T> | undefined, show: (v: T) => Markup | string): Markup | string {
  if (value === undefined) return unknownMark('not in the report');
  return isUnknown(value) ? unknownMark(value.reason) : show(value as T);
}

export function capabilitiesCell(caps: Capabilities | undefined): Markup {
  const bounding = maybe(caps?.bounding, (list) =>
    list.length === 0 ? html`<span class="ok">none</span>` : html`<span class="caps">${list.map((c) => c.replace(/^CAP_/, '')).join(', ')}</span>`,
  );
  const written = caps?.written;
  const add = written?.add.length ? html`<div class="note">add: ${written.add.join(', ')}</div>` : '';
  const drop = written?.drop.length ? html`<div class="note">drop: ${written.drop.join(', ')}</div>` : '';
  return html`<div>bounding: ${bounding}</div>${add}${drop}`;
}

/** Words a finding's message uses for each namespace type. */
const NAMESPACE_WORDS: Readonly<Record<string, readonly string[]>> = {
  net: ['net', 'network'], mnt: ['mnt', 'mount'], pid: ['pid'], ipc: ['ipc'], uts: ['uts'], user: ['user'], cgroup: ['cgroup'], time: ['time'],
};

/** Whether one of the column's findings names this namespace type. */
export function namespaceJudged(type: string, messages: readonly string[]): boolean {
  const words = NAMESPACE_WORDS[type] ?? [type];
  return messages.some((m) => words.some((w) => new RegExp(`\\b${w}\\b`, 'i').test(m)));
}

const judgedClass = (judged: boolean) => (judged ? 'bad' : 'plain');

export function namespacesCell(namespaces: Namespaces | undefined, messages: readonly string[] = []): Markup {
  if (!namespaces) return unknownMark('not in the report');
  const entries = Object.entries(namespaces);
  const host = entries.filter(([, s]) => s.state === 'host').map(([t]) => t);
  const joined = entries.flatMap(([t, s]) => (s.state === 'joined' ? [`${t} → ${s.path}`] : []));
  const unknown = entries.flatMap(([t, s]) => (s.state === 'unknown' ? [html`<div>${t}: ${unknownMark(s.reason)}</div>`] : []));
  if (!host.length && !joined.length && !unknown.length) return html`<span class="ok">all isolated</span>`;
  const hostList = host.map((t, i) => html`${i ? ', ' : ''}<span class="${judgedClass(namespaceJudged(t, messages))}">${t}</span>`);
  return html`${host.length ? html`<div>host: ${hostList}</div>` : ''}${joined.map((j) => html`<div class="warn">joined: ${j}</div>`)}${unknown}`;
}

export function seccompCell(seccomp: SeccompState | undefined, judged = true): Markup {
  if (!seccomp) return unknownMark('not in the report');
  switch (seccomp.mode) {
    case 'unknown': return unknownMark(seccomp.reason);
    case 'disabled': case 'unconfined': return html`<span class="${judgedClass(judged)}">${seccomp.mode}</span>`;
    case 'filter': {
      const detail = seccomp.filters !== undefined ? ` (${seccomp.filters} filter${seccomp.filters === 1 ? '' : 's'})` : seccomp.profile ? ` (${seccomp.profile.format} profile)` : '';
      return html`<span class="ok">filter${detail}</span>`;
    }
    default: return html`<span class="ok">${seccomp.mode}</span>`;
  }
}

export function noNewPrivsCell(value: Maybe<boolean> | undefined, judged = true): Markup {
  return html`${maybe(value, (v) => (v ? html`<span class="ok">yes</span>` : html`<span class="${judgedClass(judged)}">no</span>`))}`;
}

function mib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB` : `${bytes} B`;
}

export function limitsCell(limits: Limits | undefined, messages: readonly string[] = []): Markup {
  if (!limits) return unknownMark('not in the report');
  const judged = (name: string) => messages.some((m) => m.toLowerCase().includes(name));
  const line = <T>(name: string, value: Maybe<T | null>, show: (v: T) => string) =>
    html`<div>${name}: ${maybe(value, (v) => (v === null ? html`<span class="${judgedClass(judged(name))}">none</span>` : show(v as T)))}</div>`;
  return html`${line('memory', limits.memory, mib)}${line('pids', limits.pids, String)}${line('cpu', limits.cpu, (c) => `${Math.round((c.quota / c.period) * 100) / 100} CPU`)}`;
}

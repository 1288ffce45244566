/**
 * The rule host from the audit's side: start it confined (the addon's
 * confinement, else Node's permission model, else not at all), load the
 * rule files into it, and run checks. When a call dies (past its deadline,
 * over its memory limit, crashed, or a reply that does not fit), the host is
 * restarted and each rule is run alone, so the one that did it is named and
 * switched off; the others' results stand.
 */
import { existsSync } from 'node:fs';
import { packagePath } from '../paths.js';
import { HostProcess, permissionFlag } from './host-process.js';
import type { HostDeath, HostLimits, HostMode } from './host-process.js';
import type { InitRequest } from './protocol.js';
import type { Boundary } from './boundary.js';
import { checkLoaded, checkOutcomes, checkReady } from './host-replies.js';
import type { CheckedOutcome, LoadedFileReply } from './host-replies.js';

export interface HostSettings {
  readonly timeoutMs: number;
  readonly maxRulesPerFile: number;
  readonly limits: HostLimits;
  /** RLIMIT_AS room above what the host maps at start, in bytes. */
  readonly addressSpace: number;
  readonly cpuSeconds: number;
  readonly debug: boolean;
  /** Skip the addon and use the permission model (CAPLINT_RULE_HOST=permission). */
  readonly forcePermission: boolean;
}

export const DEFAULT_HOST_SETTINGS: Omit<HostSettings, 'debug' | 'forcePermission'> = {
  timeoutMs: 250,
  maxRulesPerFile: 100,
  limits: { memoryBytes: 512 * 1024 * 1024, heapMiB: 256 },
  addressSpace: 1024 * 1024 * 1024,
  cpuSeconds: 600,
};

export function describeDeath(death: HostDeath): string {
  switch (death.kind) {
    case 'timeout': return `it ran longer than ${death.ms} ms and was stopped`;
    case 'memory': return `it used more than ${Math.round(death.bytes / 1048576)} MiB and was stopped`;
    case 'exited': return `the rule host stopped while it ran (${death.signal ?? `exit code ${death.code}`})`;
    case 'protocol': return `the rule host sent a reply caplint cannot accept (${death.detail})`;
  }
}

export interface RuleRef {
  readonly file: number;
  readonly local: number;
}

export class RuleHost {
  private host: HostProcess;
  private sentDocuments = new Set<number>();

  private constructor(host: HostProcess, readonly boundary: Boundary, private readonly init: InitRequest, private readonly settings: HostSettings) {
    this.host = host;
  }

  /** Starts a confined host and loads the files; `refused` says why custom rules cannot run here. */
  static async start(files: InitRequest['files'], settings: HostSettings): Promise<{ host: RuleHost; loaded: LoadedFileReply[] } | { refused: string }> {
    const entry = packagePath('dist', 'rule-host.js');
    if (!existsSync(entry)) return { refused: 'the rule host is not built (run "npm run build")' };
    const reasons: string[] = [];
    const modes: HostMode[] = settings.forcePermission ? [] : ['os'];
    if (permissionFlag()) modes.push('permission');
    else reasons.push(`this Node.js (${process.version}) has no permission model`);
    for (const mode of modes) {
      const init: InitRequest = { op: 'init', mode, timeoutMs: settings.timeoutMs, maxRulesPerFile: settings.maxRulesPerFile, addressSpace: settings.addressSpace, cpuSeconds: settings.cpuSeconds, files };
      const started = await RuleHost.launch(entry, init, settings);
      if ('reason' in started) {
        reasons.push(`${mode === 'os' ? 'OS-level confinement' : 'the permission model'}: ${started.reason}`);
        continue;
      }
      return started;
    }
    return { refused: reasons.join('; ') };
  }

  private static async launch(entry: string, init: InitRequest, settings: HostSettings): Promise<{ host: RuleHost; loaded: LoadedFileReply[] } | { reason: string }> {
    const process = new HostProcess(entry, init.mode, settings.limits, settings.debug);
    const startDeadline = 15_000;
    const ready = await process.call(init, startDeadline);
    const checked = 'ok' in ready ? checkReady(ready.ok) : null;
    if (!checked || !checked.ok) {
      process.close();
      return { reason: checked && !checked.ok ? checked.reason : 'death' in ready ? describeDeath(ready.death) : 'it did not start' };
    }
    const reply = await process.call(null, startDeadline + 2 * settings.timeoutMs * Math.max(init.files.length, 1));
    const loaded = 'ok' in reply ? checkLoaded(reply.ok, init.files.length) : null;
    if (!loaded) {
      process.close();
      return { reason: `loading the rule files: ${'death' in reply ? describeDeath(reply.death) : 'a reply that does not fit'}` };
    }
    return { host: new RuleHost(process, checked.boundary, init, settings), loaded };
  }

  get pid(): number | undefined {
    return this.host.pid;
  }

  /** outcomes[subject][rule]; a rule whose call killed the host is off, with its reason as its error. */
  async check(subjects: readonly string[], documents: ReadonlyMap<number, string>, documentIds: readonly (number | undefined)[], rules: readonly RuleRef[], options: readonly unknown[]): Promise<CheckedOutcome[][]> {
    const first = await this.call(subjects, documents, documentIds, rules, options);
    if (!('death' in first)) return first;
    await this.restart();
    const columns: CheckedOutcome[][] = [];
    for (let r = 0; r < rules.length; r++) {
      const alone = await this.call(subjects, documents, documentIds, [rules[r]!], [options[r]]);
      if ('death' in alone) {
        await this.restart();
        const why = `${describeDeath(alone.death)}; it is off for the rest of this run`;
        columns.push(subjects.map((_, s) => ({ findings: [], errors: s === 0 ? [why] : [], skipped: s !== 0, off: true })));
      } else columns.push(alone.map((row) => row[0]!));
    }
    return subjects.map((_, s) => columns.map((column) => column[s]!));
  }

  private async call(subjects: readonly string[], documents: ReadonlyMap<number, string>, documentIds: readonly (number | undefined)[], rules: readonly RuleRef[], options: readonly unknown[]): Promise<CheckedOutcome[][] | { death: HostDeath }> {
    const fresh = [...new Set(documentIds)].filter((id): id is number => id !== undefined && !this.sentDocuments.has(id));
    const deadline = 3 * this.settings.timeoutMs * Math.max(rules.length, 1) + 2000;
    const reply = await this.host.call({
      op: 'check', documents: fresh.map((id) => [id, documents.get(id)!] as const), subjects, rules: rules.map((r) => [r.file, r.local] as const), options,
    }, deadline);
    if ('death' in reply) return reply;
    for (const id of fresh) this.sentDocuments.add(id);
    return checkOutcomes(reply.ok, subjects.length, rules.length) ?? { death: { kind: 'protocol', detail: 'outcomes that do not fit' } };
  }

  /** A fresh host with the same files; rules switched off stay off (the caller does not ask for them). */
  private async restart(): Promise<void> {
    this.host.close();
    this.sentDocuments = new Set();
    const started = await RuleHost.launch(packagePath('dist', 'rule-host.js'), this.init, this.settings);
    if ('reason' in started) throw new Error(`the rule host could not be restarted: ${started.reason}`);
    this.host = started.host.host;
  }

  close(): void {
    this.host.close();
  }
}

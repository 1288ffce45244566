/**
 * The rule host's work once confined: one FileSandbox per rule file, and a
 * check request answered rule file by rule file. A batch that runs out of
 * time is retried subject by subject, then rule by rule, so the rule that
 * loops is found, switched off, and costs the others nothing.
 */
import type { CheckRequest, InitRequest } from '../protocol.js';
import { FileSandbox } from '../sandbox.js';
import { BatchDriver } from '../batch-driver.js';
import { SubjectStore } from '../subject-store.js';
import type { ContextResult } from '../sandbox.js';

export interface HostOutcome {
  readonly findings: unknown[];
  readonly error?: string;
  readonly skipped?: boolean;
  /** The rule is off for the rest of the run. */
  readonly off?: boolean;
}

export interface LoadedFile {
  readonly rules?: unknown[];
  readonly error?: string;
}

export class RuleFiles {
  private readonly sandboxes: (FileSandbox | undefined)[] = [];
  private readonly driver = new BatchDriver();
  private readonly store = new SubjectStore();

  constructor(private readonly init: InitRequest) {}

  load(): LoadedFile[] {
    return this.init.files.map(({ file, code }) => {
      let sandbox: FileSandbox;
      try {
        sandbox = new FileSandbox(this.init.timeoutMs, this.init.maxRulesPerFile);
      } catch {
        this.sandboxes.push(undefined);
        return { error: 'the rule file could not be given a context' };
      }
      const result = sandbox.load(code, file);
      const parsed = 'ok' in result ? (JSON.parse(result.ok) as LoadedFile) : undefined;
      this.sandboxes.push(parsed?.rules ? sandbox : undefined);
      if (parsed) return parsed;
      return { error: 'timeout' in result ? `the rule file failed while loading: it ran longer than ${this.init.timeoutMs} ms and was stopped` : 'the rule file failed while loading in a way that cannot be shown' };
    });
  }

  check(request: CheckRequest): HostOutcome[][] {
    const out: HostOutcome[][] = request.subjects.map(() => []);
    const byFile = new Map<number, number[]>();
    request.rules.forEach(([file], k) => byFile.set(file, [...(byFile.get(file) ?? []), k]));
    this.store.addDocuments(request.documents);
    const subjects = this.store.load(request.subjects);
    const files = [...byFile].map(([file, positions]) => ({
      sandbox: this.sandboxes[file],
      positions,
      locals: positions.map((k) => request.rules[k]![1]),
      options: positions.map((k) => request.options[k]),
    }));
    const loaded = files.filter((f) => f.sandbox);
    const budget = this.init.timeoutMs * Math.max(request.rules.length, 1);
    const batch = this.driver.run(loaded.map((f) => ({ entry: f.sandbox!.entry, subjects, rules: JSON.stringify(f.locals), options: JSON.stringify(f.options) })), budget);
    for (const f of files) {
      let results: HostOutcome[][];
      const done = batch?.[loaded.indexOf(f)];
      if (!f.sandbox) results = request.subjects.map(() => f.locals.map(() => ({ findings: [], error: 'the rule file is not loaded' })));
      else if (typeof done === 'string') results = JSON.parse(done) as HostOutcome[][];
      else results = this.checkFile(f.sandbox, subjects, f.locals, f.options);
      results.forEach((row, s) => row.forEach((outcome, i) => (out[s]![f.positions[i]!] = outcome)));
    }
    return out;
  }

  private checkFile(sandbox: FileSandbox, subjects: readonly unknown[], locals: number[], options: unknown[]): HostOutcome[][] {
    const budget = this.init.timeoutMs * Math.max(locals.length, 1);
    const result = sandbox.check(subjects, JSON.stringify(locals), JSON.stringify(options), budget);
    const parsed = parsedOutcomes(result);
    if (parsed) return parsed;
    if (subjects.length > 1) return subjects.flatMap((one) => this.checkFile(sandbox, [one], locals, options));
    return [locals.map((local, i) => this.checkOne(sandbox, local, subjects[0]!, options[i]))];
  }

  private checkOne(sandbox: FileSandbox, local: number, subject: unknown, options: unknown): HostOutcome {
    const result = sandbox.checkOne(local, subject, JSON.stringify(options ?? {}));
    if ('ok' in result) return JSON.parse(result.ok) as HostOutcome;
    sandbox.disable(local);
    const why = 'timeout' in result ? `it ran longer than ${this.init.timeoutMs} ms and was stopped` : 'it failed in a way that cannot be shown';
    return { findings: [], error: `${why}; it is off for the rest of this run`, off: true };
  }
}

function parsedOutcomes(result: ContextResult): HostOutcome[][] | undefined {
  return 'ok' in result ? (JSON.parse(result.ok) as HostOutcome[][]) : undefined;
}

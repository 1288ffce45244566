/**
 * Runs custom rules in one V8 context of their own: no require, no process,
 * no timers, code generation from strings off, the built-in prototypes
 * frozen, microtasks drained before control returns. Nothing of the host
 * realm is reachable from inside: a subject enters as a JSON string and is
 * parsed and deep-frozen inside the context, and findings leave as a JSON
 * string, so no host object (and no host Function constructor) is ever
 * handed to rule code.
 *
 * A time limit costs a watchdog thread per call into the context, so many
 * subjects go in one call under one budget (rules x limit). When that runs
 * out, the subjects are run one by one, then the rules of the slow subject
 * one by one under their own limit, to find the rule that loops; that rule
 * is then switched off for the rest of the run, so a looping rule costs its
 * budget once and never costs the others their results.
 */
import { createContext, Script } from 'node:vm';
import type { Context } from 'node:vm';

export interface SandboxFinding {
  readonly messageId: string;
  readonly data: Record<string, string | number>;
  readonly at?: string;
  readonly severity?: string;
}

export interface SandboxOutcome {
  readonly findings: SandboxFinding[];
  /** Set when the rule threw or ran out of time. */
  readonly error?: string;
  /** The rule was switched off earlier in the run (it ran out of time). */
  readonly skipped?: boolean;
}

export interface SandboxRuleInfo {
  readonly id: string;
  readonly meta: unknown;
}

const PRELUDE = `
'use strict';
(() => {
  const intrinsics = [Object, Array, Function, String, Number, Boolean, Symbol, BigInt, Map, Set, WeakMap, WeakSet,
    Promise, RegExp, Date, Error, TypeError, RangeError, SyntaxError, ReferenceError, JSON, Math, ArrayBuffer, DataView,
    Uint8Array, Int8Array, Uint16Array, Int16Array, Uint32Array, Int32Array, Float32Array, Float64Array, Intl];
  for (const x of intrinsics) { Object.freeze(x); if (x.prototype) Object.freeze(x.prototype); }
  Object.freeze(Object.getPrototypeOf(Uint8Array)); Object.freeze(Object.getPrototypeOf(Uint8Array).prototype);
  Object.freeze(Object.getPrototypeOf(function* () {})); Object.freeze(Object.getPrototypeOf(async function () {}));
  // Values from JSON.parse form a fresh tree; shared profile documents arrive frozen already.
  const freeze = (value) => {
    if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
      Object.freeze(value);
      if (Array.isArray(value)) for (let i = 0; i < value.length; i++) freeze(value[i]);
      else for (const key in value) freeze(value[key]);
    }
    return value;
  };
  const rules = [];
  const api = Object.freeze({ defineRule: (rule) => { rules.push(rule); return rule; } });
  const run = (index, subject, options) => {
    const findings = [];
    const report = (messageId, data, at, extra) => {
      findings.push({ messageId: String(messageId), data: JSON.parse(JSON.stringify(data ?? {})), at: at === undefined ? undefined : String(at), severity: extra && extra.severity });
    };
    try {
      rules[index].check(subject, Object.freeze({ options: options[index] ?? Object.freeze({}), report }));
      return { findings };
    } catch (error) {
      return { findings: [], error: String(error && error.message !== undefined ? error.message : error) };
    }
  };
  const disabled = new Set();
  // Seccomp profile documents, sent once per run and shared by every subject that carries the same one.
  const documents = new Map();
  const withDocument = (subject) => {
    const profile = subject && subject.seccomp && subject.seccomp.profile;
    if (profile && profile.document && typeof profile.document.$document === 'number') profile.document = documents.get(profile.document.$document);
    return subject;
  };
  const all = (subject, options) => rules.map((_, i) => (disabled.has(i) ? { findings: [], skipped: true } : run(i, subject, options)));
  Object.defineProperty(globalThis, '__caplint', { value: Object.freeze({
    require: (name) => { if (name === 'caplint') return api; throw new Error('only "caplint" can be imported'); },
    describe: () => JSON.stringify(rules.map((r) => ({ id: r && r.id, meta: r && r.meta }))),
    count: () => rules.length,
    disable: (index) => { disabled.add(index); },
    addDocuments: (documentsJson) => {
      for (const [id, text] of JSON.parse(documentsJson)) documents.set(id, freeze(JSON.parse(text)));
    },
    checkMany: (subjectsJson, optionsJson) => {
      const options = freeze(JSON.parse(optionsJson));
      return JSON.stringify(JSON.parse(subjectsJson).map((json) => all(freeze(withDocument(JSON.parse(json))), options)));
    },
    checkOne: (index, subjectJson, optionsJson) => {
      const subject = freeze(withDocument(JSON.parse(subjectJson)));
      return JSON.stringify(run(index, subject, freeze(JSON.parse(optionsJson))));
    },
  }) });
  for (const name of ['eval', 'Function']) delete globalThis[name];
})();
`;

export class RuleSandbox {
  private readonly context: Context;
  private readonly checkManyScript = new Script('__caplint.checkMany(__subjects, __options)');
  private readonly checkOneScript = new Script('__caplint.checkOne(__index, __subject, __options)');
  private rules = 0;

  constructor(private readonly timeoutMs: number) {
    this.context = createContext(Object.create(null), { codeGeneration: { strings: false, wasm: false }, microtaskMode: 'afterEvaluate' });
    new Script(PRELUDE).runInContext(this.context, { timeout: timeoutMs });
  }

  /** Evaluate one rule file (CommonJS-shaped); returns the rules it defined. */
  addFile(moduleCode: string, filename: string): SandboxRuleInfo[] {
    const before = this.rules;
    const wrapped = `(function (exports, require) { ${moduleCode}\n})({}, __caplint.require);`;
    try {
      new Script(wrapped, { filename }).runInContext(this.context, { timeout: this.timeoutMs });
    } finally {
      this.rules = this.eval('__caplint.count()') as number;
    }
    return (JSON.parse(this.eval('__caplint.describe()') as string) as SandboxRuleInfo[]).slice(before);
  }

  count(): number {
    return this.rules;
  }

  /** Seccomp profile documents the subjects refer to as {"$document": id}. */
  addDocuments(documents: readonly (readonly [number, string])[]): void {
    if (documents.length === 0) return;
    (this.context as Record<string, unknown>).__documents = JSON.stringify(documents);
    new Script('__caplint.addDocuments(__documents)').runInContext(this.context, { timeout: this.timeoutMs });
  }

  /** Every rule on each subject (as JSON): outcomes[subject][rule]; a rule's error is its own outcome. */
  checkMany(subjectsJson: readonly string[], optionsJson: string): SandboxOutcome[][] {
    const globals = this.context as Record<string, unknown>;
    globals.__options = optionsJson;
    globals.__subjects = JSON.stringify(subjectsJson);
    try {
      return JSON.parse(this.checkManyScript.runInContext(this.context, { timeout: this.timeoutMs * Math.max(this.rules, 1) }) as string) as SandboxOutcome[][];
    } catch (error) {
      if (!isTimeout(error)) throw error;
    }
    if (subjectsJson.length > 1) return subjectsJson.map((one) => this.checkMany([one], optionsJson)[0]!);
    return [Array.from({ length: this.rules }, (_, index) => this.checkOne(index, subjectsJson[0]!))];
  }

  private checkOne(index: number, subjectJson: string): SandboxOutcome {
    const globals = this.context as Record<string, unknown>;
    globals.__index = index;
    globals.__subject = subjectJson;
    try {
      return JSON.parse(this.checkOneScript.runInContext(this.context, { timeout: this.timeoutMs }) as string) as SandboxOutcome;
    } catch (error) {
      if (!isTimeout(error)) throw error;
      this.eval(`__caplint.disable(${index})`);
      return { findings: [], error: `it ran longer than ${this.timeoutMs} ms and was stopped; it is off for the rest of this run` };
    }
  }

  private eval(code: string): unknown {
    return new Script(code).runInContext(this.context, { timeout: this.timeoutMs });
  }
}

function isTimeout(error: unknown): boolean {
  return /timed out/i.test(String((error as { message?: unknown } | null)?.message ?? error));
}

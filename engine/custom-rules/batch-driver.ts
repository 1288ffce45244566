/**
 * One call into every rule file's context for a batch, under one time limit.
 * Node starts a watchdog thread for each timed call into a context; twenty
 * rule files over thousands of subjects made that the host's largest cost.
 * The driver is a context of its own (no rule code in it) whose one script
 * calls each file's prelude entry point in turn; only strings come back. When
 * the batch runs out of time the caller falls back to a call per file, each
 * with its own limit, to find the rule that loops.
 */
import { createContext, Script } from 'node:vm';
import type { Context } from 'node:vm';

export interface DriverCall {
  /** A file context's `__caplint` object (FileSandbox.entry). */
  readonly entry: object;
  /** The subject store's objects for the batch. */
  readonly subjects: readonly unknown[];
  readonly rules: string;
  readonly options: string;
}

const DRIVE = new Script(`'use strict';
__calls.map((c) => { try { const r = c[0].check(c[1], c[2], c[3]); return typeof r === 'string' ? r : null; } catch { return null; } });`);

export class BatchDriver {
  private readonly globals: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  private readonly context: Context;

  constructor() {
    this.globals.__calls = [];
    this.context = createContext(this.globals, { codeGeneration: { strings: false, wasm: false }, microtaskMode: 'afterEvaluate' });
  }

  /** Each call's JSON result (null where a file's call failed), or null when the whole batch ran out of time. */
  run(calls: readonly DriverCall[], budgetMs: number): (string | null)[] | null {
    this.globals.__calls = calls.map((c) => [c.entry, c.subjects, c.rules, c.options]);
    let value: unknown;
    try {
      value = DRIVE.runInContext(this.context, { timeout: budgetMs, breakOnSigint: false });
    } catch {
      return null;
    } finally {
      this.globals.__calls = [];
    }
    if (!Array.isArray(value) || value.length !== calls.length) return null;
    return value.map((r: unknown) => (typeof r === 'string' ? r : null));
  }
}

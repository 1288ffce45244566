/**
 * One rule file's V8 context, inside the rule host process. The context is
 * not the boundary (the host process and its confinement are); it keeps rule
 * files from seeing or changing each other, and keeps the host's own loop
 * working whatever a rule does:
 *
 * - every global binding the prelude knows is made read-only and
 *   non-configurable before rule code runs, so rebinding `JSON`, `Error` or
 *   `Object` fails, and the intrinsics and their prototypes are frozen;
 * - the prelude keeps its own references (JSON, String, Array methods), and
 *   turns every value rule code throws or returns into a string inside the
 *   context, under the time limit;
 * - the host realm only ever writes strings and the subject store's objects
 *   into the context and reads back values it checks are primitive strings:
 *   no getter, toString, toJSON or prepareStackTrace of rule code runs
 *   outside a time limit.
 */
import { createContext, Script } from 'node:vm';
import type { Context } from 'node:vm';
import { isProxy } from 'node:util/types';
import { PRELUDE } from './prelude.js';

/** What a call into the context came to: its string result, a timeout, or a failure that cannot be shown. */
export type ContextResult = { readonly ok: string } | { readonly timeout: true } | { readonly failed: true };

const INPUTS = ['__in_subjects', '__in_options', '__in_rules', '__in_index'] as const;
type Input = (typeof INPUTS)[number];

export class FileSandbox {
  private readonly context: Context;
  /** The object behind the context's global: the host writes inputs here, as plain data properties. */
  private readonly globals: Record<string, unknown>;

  constructor(private readonly timeoutMs: number, maxRules: number) {
    this.globals = Object.create(null) as Record<string, unknown>;
    for (const name of INPUTS) this.globals[name] = '';
    this.context = createContext(this.globals, { codeGeneration: { strings: false, wasm: false }, microtaskMode: 'afterEvaluate' });
    const started = this.run(new Script(PRELUDE), timeoutMs * 4);
    if (!('ok' in started)) throw new Error('the rule context could not be prepared');
    this.set('__in_index', String(maxRules));
    this.run(new Script('__caplint.limit(__in_index)'), timeoutMs);
    // Taken before any rule code runs: a frozen object under a read-only, non-configurable binding.
    this.entry = new Script('__caplint').runInContext(this.context) as object;
  }

  /** The prelude's entry points, for the batch driver (batch-driver.ts). */
  readonly entry: object;

  /** Evaluates the file (CommonJS-shaped); returns describe() JSON or the file's error as JSON. */
  load(moduleCode: string, filename: string): ContextResult {
    const wrapped = `__caplint.load(function (exports, require) { ${moduleCode}\n});`;
    let script: Script;
    try {
      script = new Script(wrapped, { filename });
    } catch {
      return { failed: true };
    }
    const result = this.run(script, this.timeoutMs);
    if ('ok' in result) return result;
    // A file that hit the rule limit and kept calling defineRule is named for that, not for its time.
    const limit = this.run(TOO_MANY, this.timeoutMs);
    return 'ok' in limit && limit.ok ? { ok: JSON.stringify({ error: limit.ok }) } : result;
  }

  /** Every selected rule on each subject (the store's objects); the result is JSON: outcomes[subject][rule]. */
  check(subjects: readonly unknown[], rulesJson: string, optionsJson: string, budgetMs: number): ContextResult {
    this.set('__in_subjects', subjects);
    this.set('__in_rules', rulesJson);
    this.set('__in_options', optionsJson);
    return this.run(CHECK, budgetMs);
  }

  /** One rule on one subject (after a batch ran out of time), to find which rule it was. */
  checkOne(index: number, subject: unknown, optionsJson: string): ContextResult {
    this.set('__in_index', String(index));
    this.set('__in_subjects', [subject]);
    this.set('__in_options', optionsJson);
    return this.run(CHECK_ONE, this.timeoutMs);
  }

  disable(index: number): void {
    this.set('__in_index', String(index));
    this.run(DISABLE, this.timeoutMs);
  }

  private set(name: Input, value: unknown): void {
    this.globals[name] = value;
  }

  private run(script: Script, timeout: number): ContextResult {
    try {
      const value: unknown = script.runInContext(this.context, { timeout, breakOnSigint: false });
      return typeof value === 'string' ? { ok: value } : { failed: true };
    } catch (error) {
      return isTimeout(error) ? { timeout: true } : { failed: true };
    }
  }
}

const CHECK = new Script('__caplint.check(__in_subjects, __in_rules, __in_options)');
const CHECK_ONE = new Script('__caplint.checkOne(__in_index, __in_subjects, __in_options)');
const DISABLE = new Script('__caplint.disable(__in_index)');
const TOO_MANY = new Script('__caplint.tooMany()');

/** Node's timeout error, recognised without running any accessor or trap. */
function isTimeout(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || isProxy(error)) return false;
  let code: PropertyDescriptor | undefined;
  try {
    code = Reflect.getOwnPropertyDescriptor(error, 'code');
  } catch {
    return false;
  }
  return code !== undefined && 'value' in code && code.value === 'ERR_SCRIPT_EXECUTION_TIMEOUT';
}

/**
 * Runs one custom rule file in its own V8 context: no require, no process,
 * no timers, code generation from strings off, microtasks drained before
 * control returns. Nothing of the host realm is reachable from inside:
 * the subject enters as a JSON string and is parsed and deep-frozen inside
 * the context, and findings leave as a JSON string, so no host object (and
 * no host Function constructor) is ever handed to rule code.
 */
import { createContext, Script } from 'node:vm';
import type { Context } from 'node:vm';

export interface SandboxFinding {
  readonly ruleIndex: number;
  readonly messageId: string;
  readonly data: Record<string, string | number>;
  readonly at?: string;
  readonly severity?: string;
}

export interface SandboxRuleInfo {
  readonly id: string;
  readonly meta: unknown;
}

/** Set up inside the context before the rule's code runs. */
const PRELUDE = `
'use strict';
(() => {
  const freeze = (value) => {
    if (value && typeof value === 'object' && !Object.isFrozen(value)) {
      Object.freeze(value);
      for (const key of Object.keys(value)) freeze(value[key]);
    }
    return value;
  };
  const rules = [];
  const api = Object.freeze({ defineRule: (rule) => { rules.push(rule); return rule; } });
  const state = { findings: [] };
  globalThis.__caplint = Object.freeze({
    require: (name) => { if (name === 'caplint') return api; throw new Error('only "caplint" can be imported'); },
    rules: () => rules,
    describe: () => JSON.stringify(rules.map((r) => ({ id: r && r.id, meta: r && r.meta }))),
    check: (index, subjectJson, optionsJson) => {
      state.findings = [];
      const subject = freeze(JSON.parse(subjectJson));
      const options = freeze(JSON.parse(optionsJson));
      const report = (messageId, data, at, extra) => {
        state.findings.push({ ruleIndex: index, messageId: String(messageId), data: JSON.parse(JSON.stringify(data ?? {})), at: at === undefined ? undefined : String(at), severity: extra && extra.severity });
      };
      rules[index].check(subject, Object.freeze({ options, report }));
      return JSON.stringify(state.findings);
    },
  });
  for (const name of ['eval', 'Function']) delete globalThis[name];
})();
`;

export class RuleSandbox {
  private readonly context: Context;
  private readonly checkScript = new Script('__caplint.check(__index, __subject, __options)');

  constructor(moduleCode: string, private readonly timeoutMs: number) {
    this.context = createContext(Object.create(null), {
      codeGeneration: { strings: false, wasm: false },
      microtaskMode: 'afterEvaluate',
    });
    new Script(PRELUDE).runInContext(this.context, { timeout: timeoutMs });
    const wrapped = `(function (exports, require) { ${moduleCode}\n})({}, __caplint.require);`;
    new Script(wrapped, { filename: 'custom-rule.js' }).runInContext(this.context, { timeout: timeoutMs });
  }

  /** The rules the file defined (id and meta, as plain data). */
  describe(): SandboxRuleInfo[] {
    return JSON.parse(new Script('__caplint.describe()').runInContext(this.context, { timeout: this.timeoutMs }) as string) as SandboxRuleInfo[];
  }

  /** Run rule `index` on a subject (as JSON); throws on a rule error or timeout. */
  check(index: number, subjectJson: string, optionsJson: string): SandboxFinding[] {
    const globals = this.context as Record<string, unknown>;
    globals.__index = index;
    globals.__subject = subjectJson;
    globals.__options = optionsJson;
    const out = this.checkScript.runInContext(this.context, { timeout: this.timeoutMs });
    return JSON.parse(out as string) as SandboxFinding[];
  }
}

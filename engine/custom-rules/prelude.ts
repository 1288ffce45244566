/**
 * The code each rule file's context runs before the file itself (see
 * sandbox.ts). It owns everything the host calls: `__caplint.load`,
 * `check`, `checkOne`, `disable`. Each returns a string made
 * with the prelude's own JSON.stringify; whatever rule code throws becomes
 * text here, under the time limit, never in the host realm.
 */
/** Freezes a context's intrinsics and makes its global bindings read-only (names starting __in_ excepted). */
export const FREEZE_INTRINSICS = `
  const intrinsics = [Object, Array, Function, String, Number, Boolean, Symbol, BigInt, Map, Set, WeakMap, WeakSet,
    Promise, RegExp, Date, Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError, JSON, Math,
    ArrayBuffer, DataView, Uint8Array, Int8Array, Uint16Array, Int16Array, Uint32Array, Int32Array, Float32Array,
    Float64Array, Uint8ClampedArray, BigInt64Array, BigUint64Array, Intl, Reflect, Proxy, WeakRef];
  for (const x of intrinsics) { Object.freeze(x); if (x.prototype) Object.freeze(x.prototype); }
  const TypedArray = Object.getPrototypeOf(Uint8Array);
  Object.freeze(TypedArray); Object.freeze(TypedArray.prototype);
  for (const f of [function* () {}, async function () {}, async function* () {}]) {
    const ctor = Object.getPrototypeOf(f).constructor;
    Object.freeze(ctor); Object.freeze(ctor.prototype); Object.freeze(Object.getPrototypeOf(f));
  }
  Object.freeze(Object.getPrototypeOf([][Symbol.iterator]()));
  Object.freeze(Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())));
  delete G.eval;
  // Every global binding becomes read-only: a rule cannot rebind JSON, Error or Object for itself or anyone.
  for (const name of Object.getOwnPropertyNames(G)) {
    if (name.startsWith('__in_')) continue;
    const d = Object.getOwnPropertyDescriptor(G, name);
    if (d && d.configurable) Object.defineProperty(G, name, { value: G[name], writable: false, enumerable: false, configurable: false });
  }
`;

/** \`deepFreeze(value)\`, with the intrinsics it was given when the context was made (they are frozen and their bindings read-only). */
export const DEEP_FREEZE = `
  const deepFreeze = ((freeze, isFrozen, isArray) => {
    const deep = (value) => {
      if (typeof value === 'object' && value !== null && !isFrozen(value)) {
        freeze(value);
        if (isArray(value)) for (let i = 0; i < value.length; i++) deep(value[i]);
        else for (const key in value) deep(value[key]);
      }
      return value;
    };
    return deep;
  })(Object.freeze, Object.isFrozen, Array.isArray);
`;

export const PRELUDE = `
'use strict';
(() => {
  const G = globalThis;
  for (const name of ['__in_subjects', '__in_options', '__in_rules', '__in_index']) Object.defineProperty(G, name, { value: '', writable: true, enumerable: false, configurable: false });
  ${FREEZE_INTRINSICS}
  const { stringify, parse } = JSON;
  const toText = String;
  const { freeze: freezeOne, isFrozen } = Object;
  const isArray = Array.isArray;
  ${DEEP_FREEZE}
  // Subjects are read-only views: freezing each parsed subject in every context costs ten times its parsing,
  // while a rule reads a few fields. Shared (already frozen) documents are handed out as they are.
  const views = new WeakMap();
  const ProxyOf = Proxy;
  const { get: getOf, getOwnPropertyDescriptor: describeOf } = Reflect;
  const refuse = (target, key) => { throw new TypeError('Cannot change ' + text(key) + ': the model is read-only'); };
  const view = (value) => {
    if (typeof value !== 'object' || value === null || isFrozen(value)) return value;
    let found = views.get(value);
    if (found === undefined) { found = new ProxyOf(value, handler); views.set(value, found); }
    return found;
  };
  const handler = freezeOne({
    get: (target, key) => view(getOf(target, key)),
    getOwnPropertyDescriptor: (target, key) => {
      const d = describeOf(target, key);
      if (d !== undefined && 'value' in d) d.value = view(d.value);
      return d;
    },
    set: refuse, defineProperty: refuse, deleteProperty: refuse, setPrototypeOf: refuse, preventExtensions: refuse,
  });
  const text = (value) => { try { return typeof value === 'string' ? value : toText(value); } catch { return 'a value that cannot be shown'; } };
  const errorText = (error) => {
    try {
      if (error !== null && (typeof error === 'object' || typeof error === 'function')) {
        const message = error.message;
        if (message !== undefined) return text(message);
      }
      return text(error);
    } catch { return 'it threw a value that cannot be shown'; }
  };
  const MAX_FINDINGS = 1000;
  let maxRules = 100;
  let tooMany = false;
  const defined = [];
  let checks = [];
  const disabled = new Set();
  // One frozen error, thrown again and again: a loop that catches it costs no allocation per call.
  const LIMIT = freezeOne(new RangeError('at most this many rules per file'));
  const api = freezeOne({ defineRule: (rule) => {
    if (defined.length >= maxRules) { tooMany = true; throw LIMIT; }
    defined.push(rule);
    return rule;
  } });
  const requireApi = (name) => { if (name === 'caplint') return api; throw new Error('only "caplint" can be imported'); };
  const run = (index, subject, options) => {
    const findings = [];
    let overflow = false;
    const report = (messageId, data, at, extra) => {
      if (findings.length >= MAX_FINDINGS) { overflow = true; return; }
      findings.push({ messageId: text(messageId), data: parse(stringify(data === undefined ? {} : data)), at: at === undefined ? undefined : text(at), severity: extra === undefined || extra === null ? undefined : extra.severity });
    };
    try {
      checks[index](subject, freezeOne({ options: options === undefined ? freezeOne({}) : options, report }));
      return overflow ? { findings, error: 'it reported more than ' + MAX_FINDINGS + ' findings on one subject; the rest were dropped' } : { findings };
    } catch (error) {
      return { findings: [], error: errorText(error) };
    }
  };
  Object.defineProperty(G, '__caplint', { enumerable: false, writable: false, configurable: false, value: freezeOne({
    limit: (n) => { maxRules = Number(n); return 'ok'; },
    tooMany: () => (tooMany ? 'the file defines more than ' + maxRules + ' rules; at most ' + maxRules + ' rules per file' : ''),
    load: (fn) => {
      try { fn({}, requireApi); } catch (error) {
        if (!tooMany) return stringify({ error: 'the rule file failed while loading: ' + errorText(error) });
      }
      if (tooMany) return stringify({ error: 'the file defines more than ' + maxRules + ' rules; at most ' + maxRules + ' rules per file' });
      try {
        const described = stringify(defined.map((r) => ({ id: r === null || r === undefined ? undefined : r.id, meta: r === null || r === undefined ? undefined : r.meta })));
        checks = defined.map((r) => (r === null || r === undefined ? undefined : r.check));
        if (typeof described !== 'string') return stringify({ error: 'the rules in the file cannot be described' });
        return '{"rules":' + described + '}';
      } catch (error) {
        return stringify({ error: 'the rules in the file cannot be described: ' + errorText(error) });
      }
    },
    disable: (index) => { disabled.add(Number(index)); return 'ok'; },
    // Subjects arrive parsed, shared by every rule file (subject-store.ts); each file sees them through its own read-only views.
    check: (subjects, rulesJson, optionsJson) => {
      const which = parse(rulesJson);
      const options = deepFreeze(parse(optionsJson));
      const out = [];
      for (let i = 0; i < subjects.length; i++) {
        const subject = view(subjects[i]);
        out.push(which.map((index, k) => (disabled.has(index) ? { findings: [], skipped: true } : run(index, subject, options[k]))));
      }
      return stringify(out);
    },
    checkOne: (index, subjects, optionsJson) => stringify(run(Number(index), view(subjects[0]), deepFreeze(parse(optionsJson)))),
  }) });
})();
'ok';
`;

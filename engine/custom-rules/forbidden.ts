/**
 * The safe subset of TypeScript a custom rule may use. Policy code is
 * untrusted input: anything that could reach the host (modules, the process,
 * timers, the network, files, code generation) or change shared objects
 * (prototypes, globals) is rejected before the rule is ever run.
 */

/** Names that must not be referenced at all, with why. */
export const FORBIDDEN_NAMES: ReadonlyMap<string, string> = new Map([
  ['require', 'loading modules is not allowed'],
  ['module', 'the module system is not available to rules'],
  ['exports', 'the module system is not available to rules'],
  ['eval', 'generating code at run time is not allowed'],
  ['Function', 'generating code at run time is not allowed'],
  ['AsyncFunction', 'generating code at run time is not allowed'],
  ['GeneratorFunction', 'generating code at run time is not allowed'],
  ['process', 'rules cannot reach the caplint process'],
  ['globalThis', 'rules cannot reach the global object'],
  ['global', 'rules cannot reach the global object'],
  ['window', 'rules cannot reach the global object'],
  ['self', 'rules cannot reach the global object'],
  ['setTimeout', 'timers are not allowed: a rule runs once, synchronously'],
  ['setInterval', 'timers are not allowed: a rule runs once, synchronously'],
  ['setImmediate', 'timers are not allowed: a rule runs once, synchronously'],
  ['queueMicrotask', 'asynchronous work is not allowed: a rule runs once, synchronously'],
  ['fetch', 'network access is not allowed'],
  ['XMLHttpRequest', 'network access is not allowed'],
  ['WebSocket', 'network access is not allowed'],
  ['Buffer', 'rules work on the model, not on raw memory'],
  ['SharedArrayBuffer', 'shared memory is not allowed'],
  ['Atomics', 'shared memory is not allowed'],
  ['WebAssembly', 'native code is not allowed'],
  ['Proxy', 'proxies can intercept the model and the report function'],
  ['Reflect', 'reflection can change objects the rule does not own'],
  ['__dirname', 'rules have no file system'],
  ['__filename', 'rules have no file system'],
  ['Deno', 'rules cannot reach the runtime'],
  ['Bun', 'rules cannot reach the runtime'],
]);

/** Property names that reach prototypes or code generation. */
export const FORBIDDEN_PROPERTIES: ReadonlyMap<string, string> = new Map([
  ['constructor', 'reaching constructors can generate code and escape the sandbox'],
  ['prototype', 'changing prototypes affects every object'],
  ['__proto__', 'changing prototypes affects every object'],
  ['__defineGetter__', 'changing property accessors is not allowed'],
  ['__defineSetter__', 'changing property accessors is not allowed'],
  ['__lookupGetter__', 'inspecting property accessors is not allowed'],
  ['__lookupSetter__', 'inspecting property accessors is not allowed'],
  ['setPrototypeOf', 'changing prototypes affects every object'],
  ['defineProperty', 'redefining properties is not allowed'],
  ['defineProperties', 'redefining properties is not allowed'],
  ['getPrototypeOf', 'walking prototypes can escape the sandbox'],
  ['caller', 'reaching callers can escape the sandbox'],
  ['callee', 'reaching callers can escape the sandbox'],
  ['arguments', 'reaching callers can escape the sandbox'],
]);

/** The only module a rule may import from. */
export const API_MODULES: ReadonlySet<string> = new Set(['caplint']);

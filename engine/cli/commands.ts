/**
 * The command table. Each command module is imported only when it runs, so
 * `caplint audit` never loads the enforcer, YAML or TypeScript.
 */
import type { Io } from './io.js';

export interface Command {
  readonly summary: string;
  run(args: readonly string[], io: Io): Promise<number>;
}

export const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  audit: async () => (await import('../commands/audit.js')).default,
  ps: async () => (await import('../commands/ps.js')).default,
  rules: async () => (await import('../commands/rules.js')).default,
  init: async () => (await import('../commands/init.js')).default,
  run: async () => (await import('../commands/run.js')).default,
  seccomp: async () => (await import('../commands/seccomp.js')).default,
  learn: async () => (await import('../commands/learn.js')).default,
  serve: async () => (await import('../commands/serve.js')).default,
};

/** `caplint init`: write a commented caplint.config.json to start from. */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from '../cli/commands.js';
import type { Io } from '../cli/io.js';
import { parse } from '../cli/args.js';
import { UsageError, describeFsError } from '../errors.js';
import { CONFIG_NAME } from '../config/load-config.js';

export const STARTER = `{
  // caplint.config.json: what \`caplint audit\` uses when no flag says otherwise.
  // Paths are relative to this file. Comments are allowed.

  // The policy to audit against: a built-in name or a profile file.
  "policy": "default",

  // Fail the run (exit 1) on findings at or above this severity: info, low, medium, high, critical or never.
  "failOn": "high",

  // Custom rules in TypeScript (see \`caplint rules --help\`); they run sandboxed.
  "ruleFiles": [],

  // Only report findings not accepted here; \`caplint audit --update-baseline\` writes it.
  // "baseline": ".caplint-baseline.json",

  // Reports: text on the terminal, SARIF for code scanning.
  "reports": [
    { "format": "text" }
    // , { "format": "sarif", "output": "caplint.sarif" }
  ],

  // Rule settings: "off", "on", or the severity to report at; ids or group globs.
  "rules": {
    // "cgroups/cpu-limit": "off"
  },

  // Settings for some paths only; later entries win.
  "overrides": [
    // { "files": ["legacy/**"], "rules": { "namespaces/user-namespace": "low" } }
  ]
}
`;

const init: Command = {
  summary: 'write a commented caplint.config.json to start from',
  async run(args: readonly string[], io: Io): Promise<number> {
    const { values } = parse('init', args, { force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } });
    if (values.help) {
      io.write(`Usage: caplint init [--force]\n\nWrite ${CONFIG_NAME} in the current folder (--force replaces one that exists).\n`);
      return 0;
    }
    const file = join(io.cwd, CONFIG_NAME);
    if (existsSync(file) && !values.force) throw new UsageError(`${CONFIG_NAME} already exists here; pass --force to replace it`);
    try {
      writeFileSync(file, STARTER);
    } catch (error) {
      throw new UsageError(`cannot write ${CONFIG_NAME}: ${describeFsError(error)}`);
    }
    io.write(`wrote ${CONFIG_NAME}\n`);
    return 0;
  },
};

export default init;

/**
 * What bin/caplint.js runs for `caplint run` and `caplint help run`
 * (bundled into dist/cli-run.cjs): the run command alone, so a launch reads,
 * compiles and initialises a third of the CLI. The same dispatch as the whole
 * CLI (engine/cli/dispatch.ts), so messages and exit codes are the same.
 */
import { createMain } from './dispatch.js';

export const main = createMain({ run: async () => (await import('../commands/run.js')).default });
export { processIo } from './io.js';

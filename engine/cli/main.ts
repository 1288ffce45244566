/** Entry point: the whole CLI, every command of engine/cli/commands.ts (engine/cli/dispatch.ts). */
import { COMMANDS } from './commands.js';
import { createMain } from './dispatch.js';

export { EXIT_USAGE } from './dispatch.js';

export const main = createMain(COMMANDS);

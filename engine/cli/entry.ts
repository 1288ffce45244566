/** What bin/caplint.js runs: the CLI and the real process's Io (bundled into dist/cli.js). */
export { main } from './main.js';
export { processIo } from './io.js';

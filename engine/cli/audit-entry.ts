/**
 * What bin/caplint.js runs for `caplint audit` and `caplint help audit`
 * (bundled into dist/cli-audit.cjs): the audit command alone. The same
 * dispatch as the whole CLI (engine/cli/dispatch.ts), so messages and exit
 * codes are the same.
 */
import { createMain } from './dispatch.js';

export const main = createMain({ audit: async () => (await import('../commands/audit.js')).default });
export { processIo } from './io.js';

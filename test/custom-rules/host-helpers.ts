/** What the rule-host tests need to know about this machine. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli.js';

/** The enforcer addon, which gives the rule host its OS-level confinement. */
export function addonBuilt(): boolean {
  return process.platform === 'linux' && existsSync(join(ROOT, 'build/Release/caplint_enforcer.node'));
}

export const isRoot = process.getuid?.() === 0;

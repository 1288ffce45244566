/**
 * Finds and loads the compiled addon. When loading fails the error lists
 * every path tried and why each failed, in one sentence.
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../engine/paths.js';
import { CaplintError } from '../engine/errors.js';
import type { NativeBinding } from './native-binding.js';

export const ADDON_FILE = 'caplint_enforcer.node';

/** Where node-gyp puts the addon, in the order tried; CAPLINT_ADDON names another first. */
export function addonCandidates(env: Readonly<Record<string, string | undefined>> = process.env): string[] {
  const root = packageRoot();
  const list = [join(root, 'build', 'Release', ADDON_FILE), join(root, 'build', 'Debug', ADDON_FILE)];
  return env.CAPLINT_ADDON ? [env.CAPLINT_ADDON, ...list] : list;
}

export class AddonUnavailableError extends CaplintError {
  constructor(reason: string) {
    super(`launching confined needs the native enforcer addon on Linux, and ${reason}`);
    this.name = 'AddonUnavailableError';
  }
}

let cached: NativeBinding | undefined;

export function loadBinding(): NativeBinding {
  if (cached) return cached;
  if (process.platform !== 'linux') throw new AddonUnavailableError(`this is ${process.platform}, where it is not built`);
  const require = createRequire(import.meta.url);
  const tried: string[] = [];
  for (const path of addonCandidates()) {
    if (!existsSync(path)) {
      tried.push(`${path} (absent)`);
      continue;
    }
    try {
      cached = require(path) as NativeBinding;
      return cached;
    } catch (error) {
      tried.push(`${path} (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
    }
  }
  throw new AddonUnavailableError(
    `it could not be loaded from ${tried.join(', ')}; build it with "npm rebuild caplint" (needs a C++ compiler, make and python3)`,
  );
}

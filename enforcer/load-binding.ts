/**
 * Finds and loads the compiled addon: CAPLINT_ADDON when set, a source build
 * (node-gyp's build/), then the prebuilt one shipped in the package for this
 * platform and architecture (prebuilds/<platform>-<arch>/), whose
 * prebuild.json names the Node-API version it needs. When loading fails the
 * error lists every path tried and why each failed, in one sentence.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { packageRoot } from '../engine/paths.js';
import { CaplintError } from '../engine/errors.js';
import type { NativeBinding } from './native-binding.js';

export const ADDON_FILE = 'caplint_enforcer.node';

/** The paths tried, in order; CAPLINT_ADDON names another first. */
export function addonCandidates(env: Readonly<Record<string, string | undefined>> = process.env, platform = `${process.platform}-${process.arch}`): string[] {
  const root = packageRoot();
  const list = [join(root, 'build', 'Release', ADDON_FILE), join(root, 'build', 'Debug', ADDON_FILE), join(root, 'prebuilds', platform, ADDON_FILE)];
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
  cached ??= loadBindingFrom(addonCandidates());
  return cached;
}

/**
 * The addon's function `name`, bound to it, or undefined when the addon cannot
 * be loaded or is older than that function: for the optional uses (the batch
 * /proc reader, SHA-256) whose callers fall back to plain Node.
 */
export function optionalNative<B, K extends keyof B>(name: K, factory: () => NativeBinding = loadBinding): B[K] | undefined {
  let binding: Partial<B>;
  try {
    binding = factory() as unknown as Partial<B>;
  } catch {
    return undefined;
  }
  const fn = binding[name];
  return typeof fn === 'function' ? (fn.bind(binding) as B[K]) : undefined;
}

/** Why a prebuilt addon cannot load on this Node (its prebuild.json asks for a newer Node-API), or undefined. */
export function napiMismatch(addon: string, napi = Number(process.versions.napi ?? 0)): string | undefined {
  const meta = join(dirname(addon), 'prebuild.json');
  if (!existsSync(meta)) return undefined;
  let needs: unknown;
  try {
    needs = (JSON.parse(readFileSync(meta, 'utf8')) as { napi?: unknown }).napi;
  } catch {
    return `its ${meta} is not valid JSON`;
  }
  if (typeof needs !== 'number') return `its ${meta} names no Node-API version`;
  return needs > napi ? `needs Node-API ${needs}, this Node has ${napi}` : undefined;
}

/** The first of `paths` that loads; the error names each path tried and why it failed. */
export function loadBindingFrom(paths: readonly string[]): NativeBinding {
  if (process.platform !== 'linux') throw new AddonUnavailableError(`this is ${process.platform}, where it is not built`);
  const tried: string[] = [];
  for (const path of paths) {
    if (!existsSync(path)) {
      tried.push(`${path} (absent)`);
      continue;
    }
    const mismatch = napiMismatch(path);
    if (mismatch) {
      tried.push(`${path} (${mismatch})`);
      continue;
    }
    try {
      // What require() does for a .node file, without its module resolution (realpath, package.json
      // lookups up the tree): about 1 ms of every launch. loadBinding loads it once per process.
      const module = { exports: {} };
      process.dlopen(module, resolve(path));
      return module.exports as NativeBinding;
    } catch (error) {
      tried.push(`${path} (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
    }
  }
  throw new AddonUnavailableError(
    `it could not be loaded from ${tried.join(', ')}; build it with "npm rebuild caplint" (needs a C++ compiler, make and python3)`,
  );
}

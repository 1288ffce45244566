// Shared by the install script and the prebuild script: where npm's bundled
// node-gyp is, the arguments that build against this Node's own headers (no
// download), and which prebuilt addon, if any, fits this machine.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const ADDON_FILE = 'caplint_enforcer.node';
/** The Node-API version binding.gyp builds for (NAPI_VERSION). */
export const NAPI_VERSION = 8;

export function nodeGyp() {
  const candidates = [
    process.env.npm_config_node_gyp,
    join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    join(dirname(process.execPath), 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  return candidates.find((p) => p && existsSync(p));
}

/** `--nodedir=` this Node's install prefix when it ships the headers and npm names none. */
export function nodedirArgs() {
  const prefix = join(dirname(process.execPath), '..');
  return !process.env.npm_config_nodedir && existsSync(join(prefix, 'include', 'node', 'node_api.h')) ? [`--nodedir=${prefix}`] : [];
}

/** The prebuilt addon for this platform and architecture when it loads here, else why not (one phrase). */
export function fittingPrebuild(root) {
  const dir = join(root, 'prebuilds', `${process.platform}-${process.arch}`);
  const file = join(dir, ADDON_FILE);
  if (!existsSync(file)) return { reason: `no prebuilt addon for ${process.platform}-${process.arch}` };
  const meta = JSON.parse(readFileSync(join(dir, 'prebuild.json'), 'utf8'));
  const napi = Number(process.versions.napi ?? 0);
  if (meta.napi > napi) return { reason: `the prebuilt addon needs Node-API ${meta.napi}, this Node has ${napi}` };
  try {
    createRequire(import.meta.url)(file);
  } catch (error) {
    return { reason: `the prebuilt addon does not load (${String(error?.message ?? error).split('\n')[0]})` };
  }
  return { file };
}

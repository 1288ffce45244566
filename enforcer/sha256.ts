/**
 * The facade of the addon's SHA-256 (enforcer/native/sha256.cc), for the
 * compiled-program cache: `caplint run` loads the addon to launch anyway, and
 * hashing there spares its start-up node:crypto. Undefined when the addon
 * cannot be loaded or predates sha256: the cache then uses node:crypto's,
 * which gives the same digest.
 */
import { loadBinding, optionalNative } from './load-binding.js';
import type { NativeBinding, NativeHashBinding } from './native-binding.js';
import type { Sha256 } from '../engine/run/bpf-cache/sha256.js';

export function addonSha256(factory: () => NativeBinding = loadBinding): Sha256 | undefined {
  const hash = optionalNative<NativeHashBinding, 'sha256'>('sha256', factory);
  if (!hash) return undefined;
  return (data) => {
    if (typeof data !== 'string' && !(data instanceof Uint8Array)) throw new TypeError('sha256: data must be a string or a Uint8Array');
    return hash(data);
  };
}

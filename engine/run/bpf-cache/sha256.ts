/**
 * The SHA-256 that keys and checks compiled programs, as a hex digest. Any
 * implementation gives the same digest; `caplint run` passes the enforcer
 * addon's (enforcer/sha256.ts), which it loads anyway, so its start-up does
 * not load node:crypto and the streams that come with it. Everything else
 * (the package build, tests, a run without the addon) uses node:crypto's.
 */
import { createRequire } from 'node:module';

export type Sha256 = (data: string | Uint8Array) => string;

let nodeCrypto: typeof import('node:crypto') | undefined;

/** node:crypto's SHA-256; node:crypto loads on the first call. Strings are hashed as UTF-8. */
export const nodeSha256: Sha256 = (data) => {
  nodeCrypto ??= createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  return nodeCrypto.createHash('sha256').update(data).digest('hex');
};

/**
 * The serving certificate and key, read from files and read again when
 * either changes (Kubernetes swaps a mounted Secret's files through a
 * symlink; cert-manager rotates them in place). A pair that does not load
 * (a half-written rotation) keeps the previous one and says so.
 */
import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import type { SecureContextOptions } from 'node:tls';
import { createSecureContext } from 'node:tls';
import { CaplintError, describeFsError } from '../../errors.js';

export interface TlsFiles {
  readonly cert: string;
  readonly key: string;
}

export function readTls(files: TlsFiles): SecureContextOptions {
  const read = (file: string, what: string) => {
    try {
      return readFileSync(file);
    } catch (error) {
      throw new CaplintError(`cannot read the TLS ${what}: ${describeFsError(error)}`, { file });
    }
  };
  const options = { cert: read(files.cert, 'certificate'), key: read(files.key, 'key') };
  try {
    createSecureContext(options);
  } catch (error) {
    throw new CaplintError(`the TLS certificate and key do not load together (${error instanceof Error ? error.message : String(error)})`, { file: files.cert });
  }
  return options;
}

/** Calls `apply` with each new pair; returns the function that stops watching. */
export function watchTls(files: TlsFiles, apply: (options: SecureContextOptions) => void, log: (line: string) => void, intervalMs = 2000): () => void {
  const changed = () => {
    try {
      apply(readTls(files));
      log(`caplint serve: loaded the new TLS certificate from ${files.cert}`);
    } catch (error) {
      log(`caplint serve: kept the previous TLS certificate: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  for (const file of [files.cert, files.key]) watchFile(file, { interval: intervalMs, persistent: false }, changed);
  return () => {
    for (const file of [files.cert, files.key]) unwatchFile(file, changed);
  };
}

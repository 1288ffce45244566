/**
 * Tests that need a file outside the package (the shared reference fixtures
 * in ../shared, the kernel headers) skip with a printed reason when it is
 * absent. CAPLINT_SHARED_DIR points the shared folder elsewhere; CI sets it
 * to an empty directory once to prove that every such suite skips cleanly.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The shared folder: $CAPLINT_SHARED_DIR, or ../shared beside the repository. */
export const SHARED_DIR = process.env.CAPLINT_SHARED_DIR
  ? resolve(process.env.CAPLINT_SHARED_DIR)
  : fileURLToPath(new URL('../../../shared', import.meta.url));

/** Path of a file in the shared folder. */
export function sharedPath(relative: string): string {
  return resolve(SHARED_DIR, relative);
}

/** True when every path exists; otherwise prints which are missing and why the tests skip. */
export function available(what: string, ...paths: string[]): boolean {
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length === 0) return true;
  console.warn(`SKIPPED: ${what} because ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not found`);
  return false;
}

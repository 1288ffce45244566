/**
 * Tests that need a file outside the package (the shared reference profiles,
 * the kernel headers) skip with a printed reason when it is absent.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Path of a file in the shared folder beside the repository (../shared). */
export function sharedPath(relative: string): string {
  return fileURLToPath(new URL(`../../../shared/${relative}`, import.meta.url));
}

/** True when every path exists; otherwise prints which are missing and why the suite skips. */
export function available(what: string, ...paths: string[]): boolean {
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length === 0) return true;
  console.warn(`skipping ${what}: ${missing.join(', ')} not found`);
  return false;
}

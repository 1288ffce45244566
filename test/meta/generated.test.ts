/** Generated files must match what their generators produce now. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'caplint-gen-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('scripts/gen-types.mjs', () => {
  it('regenerates the OCI config types and validator without a diff', () => {
    execFileSync(process.execPath, [join(root, 'scripts/gen-types.mjs'), out]);
    for (const file of ['engine/inputs/oci/config.gen.ts', 'engine/inputs/oci/validate.gen.ts'])
      expect(readFileSync(join(out, file), 'utf8'), `${file} is stale: run npm run gen`).toBe(readFileSync(join(root, file), 'utf8'));
  });
});

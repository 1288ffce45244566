/** scripts/build-addon.mjs: where the addon cannot be built, one sentence and exit 0 (npm install must succeed). */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../../scripts/build-addon.mjs', import.meta.url));

function build(env: Record<string, string>) {
  return spawnSync(process.execPath, [SCRIPT], { encoding: 'utf8', env: { ...process.env, ...env } });
}

describe('build-addon script', () => {
  it('skips with one sentence when told to', () => {
    const r = build({ CAPLINT_SKIP_ADDON: '1' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('caplint: the enforcer addon was not built (CAPLINT_SKIP_ADDON=1); "caplint run" will be unavailable, audits still work.\n');
  });

  it('skips with one sentence when no prebuild fits and there is no C++ compiler', () => {
    const r = build({ CXX: '/nonexistent/c++', CAPLINT_BUILD_FROM_SOURCE: '1' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^caplint: the enforcer addon was not built \((no prebuilt addon for linux-\w+|CAPLINT_BUILD_FROM_SOURCE=1), and no C\+\+ compiler \("\/nonexistent\/c\+\+"\) was found\).*\n$/);
  });
});

/** A procfs mounted with hidepid=2, read by an unprivileged user: only its own processes, and a note that says so. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const scanModule = join(process.cwd(), 'dist/engine/inputs/proc/scan.js');
const skip = process.getuid?.() !== 0 ? 'needs root to mount a procfs and switch users' : !existsSync(scanModule) ? 'needs `npm run build` (the scan runs in a child as another user)' : '';
if (skip) console.log(`hidepid test skipped: ${skip}`);

describe.skipIf(skip !== '')('a hidepid=2 procfs', () => {
  let dir = '';
  let mounted = false;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'caplint-proc-'));
    mounted = spawnSync('mount', ['-t', 'proc', '-o', 'hidepid=2', 'proc', dir]).status === 0;
  });
  afterAll(() => {
    if (mounted) spawnSync('umount', [dir]);
    rmdirSync(dir);
  });

  it('lists only the reader\'s own processes and notes why', (ctx) => {
    if (!mounted) ctx.skip();
    const script = `const { scanProcesses } = await import(${JSON.stringify(scanModule)});
      const r = scanProcesses({ roots: { proc: ${JSON.stringify(dir)}, sys: '/sys' } });
      console.log(JSON.stringify({ uids: r.subjects.map((s) => s.subject.user.uid), notes: r.summary.notes }));`;
    const r = spawnSync('setpriv', ['--reuid', '65534', '--regid', '65534', '--clear-groups', process.execPath, '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { uids: number[]; notes: string[] };
    expect(out.uids.length).toBeGreaterThan(0);
    expect(out.uids.every((u) => u === 65534)).toBe(true);
    expect(out.notes).toContain('procfs is mounted with hidepid=2: other users\' processes are not listed at all');
  });
});

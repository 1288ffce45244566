/**
 * --no-init (or init: false in a profile): the command itself is PID 1 of
 * its new pid namespace, as with `unshare --fork --pid` and no init. Real
 * processes, as root: $$ is 1, ps lists the command as PID 1 and nothing of
 * caplint's, the exit code is the command's, and what it leaves running in
 * the namespace dies with it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { leftCgroups } from '../helpers/launch-cgroups.js';
import { BIN, caplintProcess } from '../helpers/cli.js';
import { startConfined } from '../helpers/processes.js';
import { IS_ROOT } from '../helpers/probe.js';

if (!IS_ROOT) console.warn('SKIPPED: --no-init launches because they need root (a pid namespace is made with CAP_SYS_ADMIN)');

const started = process.pid;
const dir = mkdtempSync(join(tmpdir(), 'caplint-pid1-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  expect(leftCgroups(started)).toEqual([]);
});

const PID1 = ['run', '--unshare', 'user,pid', '--map-root-user', '--mount-proc', '--no-init'];

describe.skipIf(!IS_ROOT)('the command as PID 1 (root)', () => {
  it('$$ is 1 and ps shows the command as PID 1, with no caplint-init', () => {
    const r = caplintProcess([...PID1, '--', 'sh', '-c', 'echo $$; ps -o pid,user,comm']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [self, , ...rows] = r.stdout.trim().split('\n');
    expect(self).toBe('1');
    expect(rows.map((l) => l.trim().split(/\s+/))).toEqual([['1', 'root', 'sh'], [expect.stringMatching(/^\d+$/), 'root', 'ps']]);
  });

  it('--dry-run says who PID 1 is', () => {
    const r = caplintProcess([...PID1, '--dry-run', '--', 'true']);
    expect(r.stdout).toMatch(/^ {2}pid 1 {8}the command itself \(--no-init: no init reaps orphans or forwards signals\)$/m);
  });

  it('exits with the command\'s code, and what it left running in the namespace dies with it', () => {
    const tag = `61.${process.pid}`;
    const r = caplintProcess([...PID1, '--', 'sh', '-c', `sleep ${tag} & exit 3`]);
    expect(r.code).toBe(3);
    expect(spawnSync('pgrep', ['-f', `sleep ${tag}`]).status).toBe(1); // none left
  });

  it('a caplint killed with SIGKILL takes its PID 1 command along, even one with other ids (--map-users)', async () => {
    const { child: caplint, pid } = await startConfined('pid1-killed', [process.execPath, BIN, ...PID1.filter((a) => a !== '--map-root-user'), '--map-users', '0:100000:65536', '--', 'sleep', '30']);
    expect(/^NSpid:\s+\d+\s+1$/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'))).toBe(true); // PID 1 inside
    const exited = new Promise((r) => caplint.once('exit', r));
    caplint.kill('SIGKILL');
    await exited;
    for (let i = 0; i < 100 && existsSync(`/proc/${pid}`); i++) await new Promise((r) => setTimeout(r, 20));
    expect(existsSync(`/proc/${pid}`)).toBe(false);
  });

  it('init: false in a profile does the same; --no-init without a new pid namespace is a usage error', () => {
    const file = join(dir, 'pid1.json');
    writeFileSync(file, JSON.stringify({ extends: 'default', init: false, namespaces: { pid: 'isolated', mount: 'isolated' } }));
    expect(caplintProcess(['run', '--profile', file, '--', 'sh', '-c', 'echo $$']).stdout).toBe('1\n');
    writeFileSync(join(dir, 'none.json'), JSON.stringify({ extends: 'default', namespaces: {} }));
    const shared = caplintProcess(['run', '--no-init', '--profile', join(dir, 'none.json'), '--', 'true']);
    expect(shared.code).toBe(2);
    expect(shared.stderr).toMatch(/--no-init makes the command PID 1 of a new pid namespace, and this launch creates none \(add pid to --unshare\)/);
  });
});

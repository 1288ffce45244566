/**
 * Learning works without privileges: the recorder needs only no_new_privs
 * and pidfd_getfd on its own child. Capabilities are then not learned: the
 * base's are kept and the profile says so.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IS_ROOT } from '../helpers/probe.js';
import { HAS_SETPRIV, UNPRIVILEGED, cliArgv, runSync } from '../helpers/setpriv.js';
import { allowedNames, buildLearnBench } from './helper.js';
import type { LearnBench } from './helper.js';

const CAN = IS_ROOT && HAS_SETPRIV;
if (!CAN) console.warn('SKIPPED: learn-unprivileged because it needs root and setpriv to switch to uid 65534');

describe.skipIf(!CAN)('caplint learn as uid 65534', () => {
  let bench: LearnBench;
  beforeAll(() => void (bench = buildLearnBench()));
  afterAll(() => bench?.cleanup());

  it('records the calls, keeps the base capabilities marked "not learned", and the result confines a rerun', () => {
    const output = join(bench.dir, 'unpriv.json');
    const ran = runSync([...UNPRIVILEGED, ...cliArgv(['learn', '-o', output, '--', 'sh', '-c', 'cat /etc/hostname'])]);
    expect(ran.status, ran.stderr).toBe(0);
    expect(ran.stderr).toMatch(/capabilities not learned \(tracing capability checks needs root \(tracefs\)\), the base's kept/);
    // default's namespaces need CAP_SYS_ADMIN without a user namespace: said, and recorded in the profile.
    expect(ran.stderr).toMatch(/caplint learn: creating the pid, mount, ipc, uts, cgroup namespaces needs CAP_SYS_ADMIN, which caplint does not hold .*; learning goes on \(it is not confinement\)/);
    const profile = JSON.parse(readFileSync(output, 'utf8'));
    expect(profile.description).toMatch(/over the base "default", without what could not be set up here \(creating the pid, mount/);
    expect(profile.description).toMatch(/capabilities not learned .*: the base's 13 are kept/);
    expect(profile.capabilities.allow).toContain('CAP_NET_BIND_SERVICE');
    const seccomp = JSON.parse(readFileSync(join(bench.dir, 'unpriv.seccomp.json'), 'utf8'));
    expect(allowedNames(seccomp)).toEqual(expect.arrayContaining(['openat', 'read', 'write', 'execve', 'exit_group']));
    expect(allowedNames(seccomp)).not.toContain('socket');
    const rerun = runSync([...UNPRIVILEGED, ...cliArgv(['run', '--allow-partial', '--profile', output, '--', 'sh', '-c', 'cat /etc/hostname && unshare -U true'])]);
    expect(rerun.stdout).toBe(readFileSync('/etc/hostname', 'utf8'));
    expect(rerun.status).not.toBe(0);
    expect(rerun.stderr).toMatch(/unshare failed: Operation not permitted/);
  });
});

/**
 * The rule host's confinement, tested where it matters: the process's own
 * /proc status (every thread), and what host-realm code can still do once it
 * is confined (what a rule that escaped V8's context could try). Then the
 * fallback: Node's permission model, which the report must call out.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { caplint, ROOT } from '../helpers/cli.js';
import { RUNC_DEFAULT_PATH } from '../helpers/oci.js';
import { parseStatus } from '../../enforcer/proc-status.js';
import { RuleHost, DEFAULT_HOST_SETTINGS } from '../../engine/custom-rules/rule-host.js';
import { addonBuilt, isRoot } from './host-helpers.js';

const WITNESS = join(ROOT, 'test/custom-rules/witness.ts');
const PROBE = join(ROOT, 'test/custom-rules/probe-confined.mjs');
const MARKER = `/tmp/caplint-probe-${process.pid}`;
const osLevel = addonBuilt() && existsSync(join(ROOT, 'dist/engine/custom-rules/host/confine.js'));
if (!osLevel) console.warn('SKIPPED: the rule host\'s OS-level confinement tests, because the enforcer addon or the build (npm run build) is absent');
if (osLevel && !isRoot) console.warn('SKIPPED: the uid, bounding-set and network-namespace checks, because they need root');

afterAll(() => {
  for (const suffix of ['', '.exec']) rmSync(`${MARKER}${suffix}`, { force: true });
});

describe.skipIf(!osLevel)('the rule host confined by the addon', () => {
  it('every thread has no capabilities, no_new_privs and the seccomp filter; as root it runs as nobody in its own network namespace', async () => {
    const started = await RuleHost.start([{ file: 'noop.js', code: "require('caplint').defineRule({ id: 'a/b', meta: {}, check() {} });" }], { ...DEFAULT_HOST_SETTINGS, debug: false, forcePermission: false });
    if ('refused' in started) throw new Error(started.refused);
    const pid = started.host.pid!;
    try {
      expect(started.loaded).toEqual([{ rules: [{ id: 'a/b', meta: {} }] }]);
      const tasks = readdirSync(`/proc/${pid}/task`);
      expect(tasks.length).toBeGreaterThan(1);
      for (const tid of tasks) {
        const status = parseStatus(readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8'));
        expect({ tid, ...status, capBnd: undefined, capInh: undefined, uids: undefined }).toMatchObject({ tid, capPrm: 0n, capEff: 0n, capAmb: 0n, noNewPrivs: true, seccomp: 2 });
      }
      const main = parseStatus(readFileSync(`/proc/${pid}/status`, 'utf8'));
      expect(main.capInh).toBe(0n);
      expect(started.host.boundary).toMatchObject({ kind: 'os', seccomp: 'rule-host', userNamespace: 'EINVAL' });
      if (isRoot) {
        expect(main.capBnd).toBe(0n);
        expect(main.uids).toEqual([65534, 65534, 65534, 65534]);
        expect(readlinkSync(`/proc/${pid}/ns/net`)).not.toBe(readlinkSync('/proc/self/ns/net'));
        expect(started.host.boundary).toMatchObject({ netNamespace: 'done', boundingCleared: true, uid: 65534 });
      }
    } finally {
      started.host.close();
    }
  });

  it('host-realm code after confinement can write no file, start no process, signal no process, connect nowhere, map no 4 GiB', async () => {
    let connections = 0;
    const server = createServer((s) => {
      connections++;
      s.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const victim = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      const out = execFileSync(process.execPath, [PROBE, MARKER, String(port), String(victim.pid)], { encoding: 'utf8' });
      expect(JSON.parse(out)).toMatchObject({
        write: 'EPERM', read: 'EPERM', spawn: 'EPERM', kill: 'EPERM', connect: 'EPERM', arrayBuffer: 'Array buffer allocation failed',
      });
      expect(existsSync(MARKER)).toBe(false);
      expect(existsSync(`${MARKER}.exec`)).toBe(false);
      expect(connections).toBe(0);
      expect(victim.exitCode).toBe(null);
    } finally {
      victim.kill('SIGKILL');
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('`caplint seccomp explain rule-host` shows what rule code may ask of the kernel', async () => {
    const { code, stdout } = await caplint(['seccomp', 'explain', 'rule-host']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^rule-host on x86_64 \(default ERRNO\(1\) EPERM\)/);
    expect(stdout).toContain('Not namespaced and allowed: none.');
    const check = async (name: string) => (await caplint(['seccomp', 'check', 'rule-host', '--syscall', name])).stdout;
    for (const name of ['openat', 'socket', 'connect', 'execve', 'ptrace', 'kill', 'tgkill', 'bpf', 'unshare']) expect(await check(name)).toMatch(/ERRNO|EPERM/);
    for (const name of ['read', 'write', 'futex', 'mmap']) expect(await check(name)).toMatch(/ALLOW/);
  });
});

describe('the rule host without the addon', () => {
  it("runs rules under Node's permission model, and the report says OS-level confinement is missing", async () => {
    process.env.CAPLINT_RULE_HOST = 'permission';
    try {
      const json = await caplint(['audit', RUNC_DEFAULT_PATH, '--no-config', '--format', 'json', '--rule-file', WITNESS]);
      const report = JSON.parse(json.stdout);
      expect(report.errors).toEqual([]);
      expect(report.findings.some((f: { ruleId: string }) => f.ruleId === 'witness/seen')).toBe(true);
      expect(report.summary.customRules).toMatchObject({ boundary: 'permission' });
      const text = await caplint(['audit', RUNC_DEFAULT_PATH, '--no-config', '--rule-file', WITNESS]);
      expect(text.stdout).toContain("! Custom rules ran in a separate process under Node's permission model only (no file writes, child processes, workers or addons); OS-level confinement (seccomp, capabilities) is missing here.");
    } finally {
      delete process.env.CAPLINT_RULE_HOST;
    }
  });
});

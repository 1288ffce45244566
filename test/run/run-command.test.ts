/** `caplint run` in-process: plans, refusals, exit codes and messages. */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRunCommand } from '../../engine/commands/run.js';
import { readStatus } from '../../enforcer/proc-status.js';
import { allowAllProgram } from '../helpers/hand-bpf.js';
import { AS_ROOT, recordingIo, runInProcess } from '../helpers/io.js';
import { IS_ROOT, ROOT_SKIP_REASON } from '../helpers/probe.js';

let dir: string;
let bpf: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'caplint-run-'));
  bpf = join(dir, 'allow.bpf');
  writeFileSync(bpf, allowAllProgram());
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[]) => runInProcess(dir, args);
/** Dry runs planned as root with every capability, whoever runs the tests. */
const dryRun = (args: string[]) => runInProcess(dir, ['--dry-run', ...args], AS_ROOT);

describe('caplint run --dry-run', () => {
  it('prints the default profile as masks and names, and runs nothing', async () => {
    const marker = join(dir, 'dry-run-marker');
    const r = await dryRun(['--seccomp', bpf, '--', 'touch', marker]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/bounding +00000000a80405fb +CAP_CHOWN CAP_DAC_OVERRIDE .*CAP_SETFCAP\n/);
    expect(r.out).not.toContain('CAP_NET_RAW');
    expect(r.out).toMatch(/no_new_privs yes/);
    expect(r.out).toContain('1 instructions of raw BPF');
    expect(existsSync(marker)).toBe(false);
  });

  it('applies --cap-drop then --cap-add, and restricted keeps only what --cap-add names', async () => {
    const r = await dryRun(['--profile', 'restricted', '--cap-add', 'net_bind_service', '--seccomp', 'unconfined', '--', 'true']);
    expect(r.out).toMatch(/bounding +0000000000000400 +CAP_NET_BIND_SERVICE\n/);
    expect(r.out).toMatch(/seccomp +none \(unconfined\)/);
    const d = await dryRun(['--cap-drop', 'ALL', '--cap-add', 'CAP_KILL', '--seccomp', 'unconfined', '--', 'true']);
    expect(d.out).toMatch(/bounding +0000000000000020 +CAP_KILL\n/);
  });

});

describe('caplint run --dry-run with namespaces and limits', () => {
  it('shows the namespaces, the id map, the mounts, the hostname and the limits, and runs nothing', async () => {
    const marker = join(dir, 'ns-dry-run-marker');
    const r = await dryRun(['--seccomp', bpf, '--unshare', 'user,pid,net', '--hostname', 'box', '--cpus', '0.2', '--memory', '64Mi', '--pids', '16', '--', 'touch', marker]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('\n  namespaces   new user pid mount net ipc uts cgroup\n'); // default's five, and user and net
    expect(r.out).toMatch(/\n  id map       uid 0 = \d+, gid 0 = \d+ outside/);
    expect(r.out).toContain("\n  pid 1        caplint's minimal init (reaps orphans, forwards signals); the command runs under it\n");
    expect(r.out).toContain('\n  mounts       private propagation, a fresh /proc\n');
    expect(r.out).toContain('\n  network      only lo, up\n');
    expect(r.out).toContain('\n  hostname     box\n');
    expect(r.out).toContain('\n  limits       cpu 0.2 (quota 20000 per 100000 us), memory 64 MiB (swap included), pids 16\n');
    expect(existsSync(marker)).toBe(false);
  });
});

describe('caplint run: bad input', () => {
  it('rejects an unknown capability as a usage error with a hint (exit 2)', async () => {
    const r = await run(['--cap-add', 'SYS_ADMN', '--', 'true']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--cap-add "SYS_ADMN" is not a capability (did you mean CAP_SYS_ADMIN?)');
  });

  it('prints its usage for --help', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Usage: caplint run \[options\] -- COMMAND \[ARG\.\.\.\]\n/);
    expect(r.out).toContain('125 confinement failed (nothing ran)');
  });

  it('shows a plan it would refuse, and says so with exit 125', async () => {
    const self = readStatus('self');
    const nobody = { ownStatus: () => ({ ...self, capEff: 0n, capPrm: 0n, uids: [65534, 65534, 65534, 65534] }) };
    const refused = await runInProcess(dir, ['--dry-run', '--seccomp', bpf, '--', 'true'], nobody);
    expect(refused.code).toBe(125);
    expect(refused.out).toMatch(/\n  refused +as uid 65534, without CAP_SETPCAP, .*pass --allow-partial/);
    const partial = await runInProcess(dir, ['--dry-run', '--allow-partial', '--seccomp', bpf, '--', 'true'], nobody);
    expect(partial.code).toBe(0);
    expect(partial.out).toMatch(/\n  partial +as uid 65534/);
  });

  it('says in one sentence that it needs Linux elsewhere (exit 125)', async () => {
    const r = await runInProcess(dir, ['--', 'true'], { platform: 'darwin' });
    expect(r).toEqual({ code: 125, out: '', err: "caplint run: launching confined needs Linux and caplint's native enforcer addon, which is built only there (this is darwin); nothing was run\n" });
  });

  it('requires a command', async () => {
    expect((await run(['--dry-run'])).code).toBe(2);
  });

  it('names the file, line and column of a profile that breaks the schema (exit 125)', async () => {
    const profile = join(dir, 'bad-profile.json');
    writeFileSync(profile, '{\n  "capabilities": { "allow": ["sys_admin"] },\n  "noNewPrivileges": true,\n  "seccomp": "unconfined"\n}\n');
    const r = await run(['--profile', profile, '--', 'true']);
    expect(r.code).toBe(125);
    expect(r.err).toMatch(new RegExp(`${profile}:2:\\d+: not a valid caplint profile: capabilities.allow\\[0\\] must match`));
    expect(r.err).toContain('nothing was run');
  });

  it('resolves extends and reports a cycle', async () => {
    const child = join(dir, 'child.json');
    writeFileSync(child, JSON.stringify({ extends: 'restricted', capabilities: { allow: ['CAP_CHOWN'] } }));
    const r = await dryRun(['--profile', child, '--seccomp', 'unconfined', '--', 'true']);
    expect(r.out).toMatch(/bounding +0000000000000001 +CAP_CHOWN\n/);
    const a = join(dir, 'a.json');
    writeFileSync(a, JSON.stringify({ extends: './a.json' }));
    expect((await run(['--profile', a, '--', 'true'])).err).toContain('"extends" goes around in a circle');
  });

  it('exits 127 for a command not on PATH, before anything starts', async () => {
    const r = await run(['--seccomp', bpf, '--', 'caplint-no-such-command']);
    expect(r.code).toBe(127);
    expect(r.err).toBe('caplint run: caplint-no-such-command: command not found; nothing was run\n');
  });

  it('refuses, without --allow-partial, when caplint cannot drop the bounding set (exit 125)', async () => {
    const self = readStatus('self');
    const command = createRunCommand({ ownStatus: () => ({ ...self, capEff: 0n, capPrm: 0n, uids: [1000, 1000, 1000, 1000] }) });
    const noNamespaces = join(dir, 'no-namespaces.json');
    writeFileSync(noNamespaces, JSON.stringify({ extends: 'default', namespaces: {} }));
    const io = recordingIo(dir);
    expect(await command.run(['--profile', noNamespaces, '--seccomp', bpf, '--', 'true'], io)).toBe(125);
    expect(io.err.join('')).toMatch(/^caplint run: as uid 1000, without CAP_SETPCAP, caplint cannot drop the capability bounding set .*it can set no_new_privs and the seccomp filter\. .*--allow-partial.*; nothing was run\n$/);
  });

  it("refuses the default profile's namespaces without CAP_SYS_ADMIN, naming the way out (a user namespace)", async () => {
    const self = readStatus('self');
    const command = createRunCommand({ ownStatus: () => ({ ...self, capEff: 0n, capPrm: 0n, uids: [1000, 1000, 1000, 1000] }) });
    const io = recordingIo(dir);
    const marker = join(dir, 'no-sys-admin-marker');
    expect(await command.run(['--seccomp', bpf, '--', 'touch', marker], io)).toBe(125);
    expect(io.err.join('')).toBe(
      'caplint run: creating the pid, mount, ipc, uts, cgroup namespaces needs CAP_SYS_ADMIN, which caplint does not hold (add user to --unshare to create them inside a user namespace). Pass --allow-partial to run without it; nothing was run\n',
    );
    expect(existsSync(marker)).toBe(false);
  });
});

describe.skipIf(!IS_ROOT)('caplint run: launches (root)', () => {
  it('returns the child exit code and verifies its status', async () => {
    const r = await run(['--seccomp', bpf, '--', 'sh', '-c', 'exit 9']);
    expect(r.err).toBe('');
    expect(r.code).toBe(9);
  });

  it('forwards SIGTERM to the child: 128+15', async () => {
    const signals = new EventEmitter();
    const io = recordingIo(dir);
    const done = createRunCommand({ signals }).run(['--seccomp', bpf, '--', 'sleep', '5'], io);
    // Wait until run listens (it does from just before the launch; a signal before the child exists is held for it).
    for (let i = 0; i < 500 && signals.listenerCount('SIGTERM') === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(signals.listenerCount('SIGTERM')).toBe(1);
    signals.emit('SIGTERM', 'SIGTERM');
    expect(await done).toBe(143);
    expect(signals.listenerCount('SIGTERM')).toBe(0);
  });

  it('kills a child whose /proc status does not match the plan, and exits 125', async () => {
    const self = readStatus('self');
    const profile = join(dir, 'no-nnp.json');
    writeFileSync(profile, JSON.stringify({ capabilities: { allow: ['CAP_KILL'] }, noNewPrivileges: false, seccomp: 'unconfined' }));
    // caplint believes it already has no_new_privs (so the child would inherit it), but it has not: the check must catch that.
    const command = createRunCommand({ ownStatus: () => ({ ...self, noNewPrivs: true }) });
    const io = recordingIo(dir);
    expect(await command.run(['--profile', profile, '--', 'sleep', '5'], io)).toBe(125);
    expect(io.err.join('')).toMatch(/^caplint run: pid \d+ does not match the plan: NoNewPrivs is 0, planned 1\ncaplint run: the command was killed\n$/);
  });

  it('says in one sentence when the addon is missing (exit 125)', async () => {
    const { createEnforcer } = await import('../../enforcer/launcher.js');
    const { AddonUnavailableError } = await import('../../enforcer/load-binding.js');
    const io = recordingIo(dir);
    const command = createRunCommand({ enforcer: () => createEnforcer(() => { throw new AddonUnavailableError('it could not be loaded from build/Release/caplint_enforcer.node (absent)'); }) });
    expect(await command.run(['--seccomp', bpf, '--', 'true'], io)).toBe(125);
    expect(io.err.join('')).toMatch(/^caplint run: launching confined needs the native enforcer addon on Linux, and it could not be loaded from .*; nothing was run\n$/);
  });
});

if (!IS_ROOT) console.warn(`run-command launches: skipped, ${ROOT_SKIP_REASON}`);

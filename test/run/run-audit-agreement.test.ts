/**
 * What `caplint run --profile P` produces is what `caplint audit --policy P`
 * accepts: a real process launched with each built-in run profile is audited
 * live with the same profile as policy, and nothing the launch controls
 * (capabilities, no_new_privs, the seccomp filter it attached, namespaces,
 * cgroup limits, the policy's own rules) is reported at high or above.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { BIN, caplintProcess } from '../helpers/cli.js';
import { IS_ROOT, ROOT_SKIP_REASON } from '../helpers/probe.js';
import { leftCgroups } from '../helpers/launch-cgroups.js';
import { startConfined, stopStarted } from '../helpers/processes.js';
import type { Started } from '../helpers/processes.js';

if (!IS_ROOT) console.warn(`run-audit agreement: skipped, ${ROOT_SKIP_REASON}`);

/** The rules whose subject matter caplint run decides. */
const CONTROLLED = /^(capabilities\/|seccomp\/|privileges\/no-new-privileges$|policy\/|live\/reachable-syscalls$|cgroups\/)/;

let running: Started | undefined;
afterEach(async () => {
  await stopStarted(running);
  running = undefined;
});
const started = process.pid;
afterAll(() => {
  expect(leftCgroups(started)).toEqual([]);
});

async function launch(profile: string): Promise<number> {
  running = await startConfined(profile, [process.execPath, BIN, 'run', '--profile', profile, '--', 'sleep', '30']);
  return running.pid;
}

interface Report {
  findings: { ruleId: string; severity: string; message: string }[];
  subjects: { seccomp: { mode: string }; namespaces: Record<string, { state: string }>; limits: Record<string, unknown> }[];
}

describe.skipIf(!IS_ROOT)('caplint run --profile P is accepted by caplint audit --pid --policy P', () => {
  it.each(['default', 'restricted', 'demo'])('%s', async (profile) => {
    const pid = await launch(profile);
    const { stdout, stderr } = caplintProcess(['audit', '--pid', String(pid), '--policy', profile, '--format', 'json', '--no-config']);
    const report = JSON.parse(stdout) as Report;
    expect(stderr).toBe('');
    const subject = report.subjects[0]!;
    expect(subject.seccomp.mode).toBe('filter');
    const serious = report.findings.filter((f) => CONTROLLED.test(f.ruleId) && ['high', 'critical'].includes(f.severity));
    expect(serious).toEqual([]);
    const isolated = Object.entries(subject.namespaces).filter(([, ns]) => ns.state === 'isolated').map(([type]) => type).sort();
    if (profile === 'default') {
      expect(isolated).toEqual(['cgroup', 'ipc', 'mount', 'pid', 'uts']);
      // The audit did look: default shares the host's network namespace, as Docker does, and the rule says so.
      expect(report.findings.some((f) => f.ruleId === 'namespaces/no-host-namespaces' && /network/.test(f.message))).toBe(true);
    } else if (profile === 'restricted') {
      expect(isolated).toEqual(['cgroup', 'ipc', 'mount', 'network', 'pid', 'user', 'uts']);
      expect(subject.limits).toEqual({ memory: 512 * 2 ** 20, pids: 256, cpu: { quota: 100000, period: 100000 } });
      // restricted's filesystem.maskedPaths/readonlyPaths: the launch masks them and the audit finds them masked.
      expect(report.findings.filter((f) => f.ruleId === 'privileges/masked-paths')).toEqual([]);
    } else {
      expect(isolated).toEqual(['cgroup', 'ipc', 'mount', 'pid', 'user', 'uts']);
      expect(subject.limits).toMatchObject({ pids: 64, cpu: { quota: 20000, period: 100000 } });
    }
  });
});

describe.skipIf(!IS_ROOT)('a profile with a read-only root and its own masked paths', () => {
  const dir = mkdtempSync(join(tmpdir(), 'caplint-fs-agree-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('is launched so that its audit finds / read-only and every listed path masked or read-only', async () => {
    const file = join(dir, 'fs.json');
    writeFileSync(file, JSON.stringify({ name: 'fs', extends: 'restricted', filesystem: { readOnlyRootfs: true, maskedPaths: ['/proc/keys', '/proc/cmdline', '/etc/hostname', '/var/cache'], readonlyPaths: ['/proc/sys', '/usr/share'] } }));
    const pid = await launch(file);
    const { stdout } = caplintProcess(['audit', '--pid', String(pid), '--policy', file, '--format', 'json', '--no-config']);
    const report = JSON.parse(stdout) as Report;
    expect(report.findings.filter((f) => /^privileges\/(read-only-rootfs|masked-paths)$/.test(f.ruleId))).toEqual([]);
    // The audit did judge them: a policy asking for a path this launch left unmasked is answered with a finding.
    const other = join(dir, 'other.json');
    writeFileSync(other, JSON.stringify({ name: 'other', extends: 'restricted', filesystem: { maskedPaths: ['/proc/version'], readonlyPaths: ['/proc/sys'] } }));
    const judged = JSON.parse(caplintProcess(['audit', '--pid', String(pid), '--policy', other, '--format', 'json', '--no-config']).stdout) as Report;
    expect(judged.findings.filter((f) => f.ruleId === 'privileges/masked-paths').map((f) => f.message)).toEqual([expect.stringMatching(/does not mask \/proc\/version\.$/)]);
  });
});

describe('a profile that requires a namespace caplint run cannot create', () => {
  const dir = mkdtempSync(join(tmpdir(), 'caplint-ns-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('is refused (fail closed) and nothing runs', () => {
    const file = join(dir, 'time.json');
    writeFileSync(file, JSON.stringify({ name: 'time', extends: 'default', namespaces: { time: 'isolated' } }));
    const marker = join(dir, 'marker');
    const refused = caplintProcess(['run', '--profile', file, '--', 'touch', marker]);
    expect(refused.code).toBe(125);
    expect(refused.stderr).toBe('caplint run: the profile requires the time namespace isolated, which caplint run does not create. Pass --allow-partial to run without it; nothing was run\n');
    expect(existsSync(marker)).toBe(false);
  });
});

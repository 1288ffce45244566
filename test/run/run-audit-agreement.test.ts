/**
 * What `caplint run --profile P` produces is what `caplint audit --policy P`
 * accepts: a real process launched with each built-in run profile is audited
 * live with the same profile as policy, and nothing the launch controls
 * (capabilities, no_new_privs, the seccomp filter it attached, the policy's
 * own rules) is reported at high or above.
 */
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, caplintProcess } from '../helpers/cli.js';
import { IS_ROOT, ROOT_SKIP_REASON } from '../helpers/probe.js';

if (!IS_ROOT) console.warn(`run-audit agreement: skipped, ${ROOT_SKIP_REASON}`);

/** The rules whose subject matter caplint run decides. */
const CONTROLLED = /^(capabilities\/|seccomp\/|privileges\/no-new-privileges$|policy\/|live\/reachable-syscalls$)/;

function childOf(parent: number, comm: string): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const m = /^\d+ \((.*)\) \S (\d+)/.exec(stat);
      if (m && m[1] === comm && Number(m[2]) === parent) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
}

let running: ReturnType<typeof spawn> | undefined;
afterEach(() => {
  running?.kill('SIGTERM');
  running = undefined;
});

describe.skipIf(!IS_ROOT)('caplint run --profile P is accepted by caplint audit --pid --policy P', () => {
  it.each(['default', 'restricted'])('%s', async (profile) => {
    running = spawn(process.execPath, [BIN, 'run', '--profile', profile, '--', 'sleep', '30'], { stdio: 'ignore' });
    let pid: number | undefined;
    for (let i = 0; i < 100 && pid === undefined; i++) {
      await new Promise((r) => setTimeout(r, 50));
      pid = childOf(running.pid!, 'sleep');
    }
    expect(pid, 'the confined child started').toBeDefined();
    const { stdout, stderr } = caplintProcess(['audit', '--pid', String(pid), '--policy', profile, '--format', 'json', '--no-config']);
    const report = JSON.parse(stdout) as { findings: { ruleId: string; severity: string; message: string }[]; subjects: { seccomp: { mode: string } }[] };
    expect(stderr).toBe('');
    expect(report.subjects[0]!.seccomp.mode).toBe('filter');
    const serious = report.findings.filter((f) => CONTROLLED.test(f.ruleId) && ['high', 'critical'].includes(f.severity));
    expect(serious).toEqual([]);
    // The audit did look: rules outside the launch's control still report (the host namespaces it shares).
    expect(report.findings.some((f) => f.ruleId === 'namespaces/no-host-namespaces')).toBe(true);
  });
});

describe('a profile that requires namespaces', () => {
  it('is refused by caplint run, which does not create namespaces (fail closed), unless --allow-partial', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const file = join(mkdtempSync(join(tmpdir(), 'caplint-ns-')), 'ns.json');
    writeFileSync(file, JSON.stringify({ name: 'ns', extends: 'default', namespaces: { user: 'isolated', pid: 'isolated' } }));
    const marker = join(tmpdir(), `caplint-ns-marker-${process.pid}`);
    const refused = caplintProcess(['run', '--profile', file, '--', 'touch', marker]);
    expect(refused.code).toBe(125);
    expect(refused.stderr).toBe('caplint run: the profile requires the user, pid namespaces isolated, which caplint run does not create (run it under a container runtime, or pass --allow-partial to run without them); nothing was run\n');
    const { existsSync } = await import('node:fs');
    expect(existsSync(marker)).toBe(false);
  });
});

/**
 * seccomp/no-risky-syscalls judges configs and running processes alike: a
 * process `caplint run` launched under a seccomp profile that allows keyctl
 * is reported for it, from the filter the kernel holds; under one that
 * denies it, it is not; the config declaring that profile gets the same
 * verdict; and live/reachable-syscalls never repeats what the rule said.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, caplint as runCli } from '../helpers/cli.js';
import { HARDENED_PATH } from '../helpers/oci.js';
import type { Started } from '../helpers/processes.js';
import { startConfined, stopAll } from '../helpers/processes.js';
import { IS_ROOT, ROOT_SKIP_REASON } from '../helpers/probe.js';

if (!IS_ROOT) console.warn(`SKIPPED: live risky-syscall tests because ${ROOT_SKIP_REASON} (dumping a filter needs CAP_SYS_ADMIN)`);

interface Finding { ruleId: string; severity: string; message: string; remediation?: string }

/** The syscalls a finding names: "… allow keyctl and add_key (keyring)." → [keyctl, add_key]. */
function named(message: string): string[] {
  const m = /allows? (.+?) \([^)]*\)(\.|,|;)/.exec(message);
  return m ? m[1]!.split(/, | and /) : [];
}

describe.skipIf(!IS_ROOT)('seccomp/no-risky-syscalls on processes launched by caplint run', () => {
  const started: Started[] = [];
  let dir = '';
  let allowing = '';
  let denying = '';
  let config = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'caplint-risky-'));
    const seccomp = JSON.parse(readFileSync(HARDENED_PATH, 'utf8')).linux.seccomp as { syscalls: object[] };
    denying = join(dir, 'denies-keyctl.json');
    writeFileSync(denying, JSON.stringify(seccomp));
    allowing = join(dir, 'allows-keyctl.json');
    writeFileSync(allowing, JSON.stringify({ ...seccomp, syscalls: [...seccomp.syscalls, { names: ['keyctl', 'add_key'], action: 'SCMP_ACT_ALLOW' }] }));
    const oci = JSON.parse(readFileSync(HARDENED_PATH, 'utf8'));
    oci.linux.seccomp = JSON.parse(readFileSync(allowing, 'utf8'));
    config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify(oci, null, 2));
    started.push(
      await startConfined('allows keyctl', [process.execPath, BIN, 'run', '--seccomp', allowing, '--', 'sleep', '30']),
      await startConfined('denies keyctl', [process.execPath, BIN, 'run', '--seccomp', denying, '--', 'sleep', '30']),
    );
  }, 20_000);
  afterAll(() => {
    stopAll(started);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const auditPid = async (pid: number): Promise<Finding[]> => {
    const r = await runCli(['audit', '--pid', String(pid), '--format', 'json', '--fail-on', 'never']);
    expect(r.code).toBe(0);
    return (JSON.parse(r.stdout) as { findings: Finding[] }).findings;
  };

  it('reports keyctl and add_key, high, from the filter of the process whose profile allows them', async () => {
    const findings = await auditPid(started[0]!.pid);
    const keyring = findings.find((f) => f.ruleId === 'seccomp/no-risky-syscalls' && f.message.includes('keyctl'));
    expect(keyring?.message).toMatch(/seccomp filters allow keyctl and add_key \(keyring\)\.$/);
    expect(keyring?.severity).toBe('high');
    // The advice names the seccomp profile it was launched with, not "use caplint run".
    expect(keyring?.remediation).toContain(`in the seccomp profile "${allowing}" that \`caplint run\``);
    expect(findings.filter((f) => f.ruleId === 'live/reachable-syscalls')).toEqual([]);
  });

  it('does not report keyctl for the process whose profile denies it', async () => {
    const findings = await auditPid(started[1]!.pid);
    const risky = findings.filter((f) => f.ruleId === 'seccomp/no-risky-syscalls');
    expect(risky.flatMap((f) => named(f.message))).not.toContain('keyctl');
    expect(findings.filter((f) => f.ruleId === 'live/reachable-syscalls')).toEqual([]);
  });

  it('reaches the same verdict on the config that declares the profile as on the process running under it', async () => {
    const r = await runCli(['audit', config, '--format', 'json', '--fail-on', 'never']);
    const fromConfig = (JSON.parse(r.stdout) as { findings: Finding[] }).findings.filter((f) => f.ruleId === 'seccomp/no-risky-syscalls');
    const fromProcess = (await auditPid(started[0]!.pid)).filter((f) => f.ruleId === 'seccomp/no-risky-syscalls' && !/for some argument values only/.test(f.message));
    expect(fromConfig.flatMap((f) => named(f.message)).sort()).toEqual(fromProcess.flatMap((f) => named(f.message)).sort());
    expect(fromConfig.flatMap((f) => named(f.message))).toContain('keyctl');
  });

  it('leaves processes without a dumped filter to live/reachable-syscalls when the dump is refused (--no-filters skips it: neither rule reports)', async () => {
    const r = await runCli(['audit', '--pid', String(started[0]!.pid), '--format', 'json', '--fail-on', 'never', '--no-filters']);
    const ids = (JSON.parse(r.stdout) as { findings: Finding[] }).findings.map((f) => f.ruleId);
    expect(ids).not.toContain('seccomp/no-risky-syscalls');
    expect(ids).not.toContain('live/reachable-syscalls');
  });
});

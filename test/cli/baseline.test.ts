/** Baselines: accepted findings set aside, keyed so that unrelated edits do not break them; stale entries listed. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { caplint } from '../helpers/cli.js';
import { RUNC_DEFAULT_PATH } from '../helpers/oci.js';

const dir = mkdtempSync(join(tmpdir(), 'caplint-baseline-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const config = join(dir, 'config.json');
const baseline = join(dir, '.caplint-baseline.json');
const original = JSON.parse(readFileSync(RUNC_DEFAULT_PATH, 'utf8'));
const audit = (...extra: string[]) => caplint(['audit', 'config.json', '--format', 'json', ...extra], { cwd: dir });

describe('--baseline', () => {
  it('refuses a missing baseline unless asked to create it', async () => {
    writeFileSync(config, JSON.stringify(original, null, 2));
    const { code, stderr } = await audit('--baseline', baseline);
    expect(code).toBe(2);
    expect(stderr).toContain('no such baseline; create it with --update-baseline');
  });

  it('a baseline the config names and that does not exist is placed at the config\'s "baseline" key', async () => {
    const sub = mkdtempSync(join(tmpdir(), 'caplint-baseline-config-'));
    try {
      writeFileSync(join(sub, 'config.json'), JSON.stringify(original, null, 2));
      writeFileSync(join(sub, 'caplint.config.json'), '{\n  // accepted findings\n  "failOn": "high",\n    "baseline": "missing.json"\n}\n');
      const missing = await caplint(['audit', 'config.json'], { cwd: sub });
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('caplint.config.json:4:5: the baseline missing.json does not exist; create it with --update-baseline');
      mkdirSync(join(sub, 'missing.json'));
      const directory = await caplint(['audit', 'config.json'], { cwd: sub });
      expect(directory.code).toBe(2);
      expect(directory.stderr).toContain('caplint.config.json:4:5: the baseline missing.json cannot be read: is a directory');
    } finally {
      rmSync(sub, { recursive: true, force: true });
    }
  });

  it('--update-baseline accepts every finding, with relative paths and a time', async () => {
    const { code, stderr } = await audit('--baseline', baseline, '--update-baseline');
    expect(code).toBe(0);
    const written = JSON.parse(readFileSync(baseline, 'utf8'));
    expect(stderr).toBe(`caplint: accepted ${written.entries.length} findings into .caplint-baseline.json\n`);
    expect(written.version).toBe(1);
    expect(written.entries.length).toBeGreaterThan(8);
    expect(written.entries[0]).toMatchObject({ file: 'config.json', subject: 'container "runc"' });
    expect(Date.parse(written.entries[0].acceptedAt)).not.toBeNaN();
    expect(JSON.stringify(written)).not.toContain('"line"');
  });

  it('reports nothing new after edits that only move lines', async () => {
    const moved = { annotations: { owner: 'team-a', note: 'moved every line down' }, ...original };
    writeFileSync(config, JSON.stringify(moved, null, 4));
    const { code, stdout } = await audit('--baseline', baseline);
    const report = JSON.parse(stdout);
    expect(report.findings).toEqual([]);
    expect(report.summary.baseline.accepted).toBeGreaterThan(8);
    expect(code).toBe(0);
  });

  it('reports a new finding, and lists entries nothing matches any more as stale', async () => {
    const changed = structuredClone(original);
    changed.process.capabilities.bounding.push('CAP_SYS_ADMIN');
    changed.linux.resources.memory = { limit: 1 << 28 };
    writeFileSync(config, JSON.stringify(changed, null, 2));
    const { code, stdout } = await audit('--baseline', baseline);
    const report = JSON.parse(stdout);
    expect(code).toBe(1);
    expect(report.findings.filter((f: { baseline: string }) => f.baseline === 'new').map((f: { message: string }) => f.message).sort())
      .toEqual(['container "runc" holds CAP_SYS_ADMIN in its bounding set.', 'container "runc" holds CAP_SYS_ADMIN, which the policy does not allow.']);
    expect(report.findings.filter((f: { baseline: string }) => f.baseline === 'absent').map((f: { ruleId: string }) => f.ruleId))
      .toEqual(['cgroups/memory-limit']);
    expect(report.summary.baseline.stale).toBe(1);
    const text = await caplint(['audit', 'config.json', '--baseline', baseline], { cwd: dir });
    expect(text.stdout).toMatch(/config\.json {2}stale {2}cgroups\/memory-limit {2}baseline entry matches nothing now: container "runc" has no memory limit\./);
  });

  it('keeps the acceptance time of entries that still match on update', async () => {
    const before = JSON.parse(readFileSync(baseline, 'utf8')).entries.find((e: { ruleId: string }) => e.ruleId === 'seccomp/required');
    await audit('--baseline', baseline, '--update-baseline');
    const after = JSON.parse(readFileSync(baseline, 'utf8')).entries.find((e: { ruleId: string }) => e.ruleId === 'seccomp/required');
    expect(after.acceptedAt).toBe(before.acceptedAt);
  });

  it('a baseline that is not one is a placed error', async () => {
    writeFileSync(join(dir, 'bad.json'), '{\n  "version": 2\n}\n');
    const { code, stderr } = await audit('--baseline', join(dir, 'bad.json'));
    expect(code).toBe(2);
    expect(stderr).toBe(`caplint: ${join(dir, 'bad.json')}:2:3: not a caplint baseline: expected {"version": 1, "entries": [...]}\n`);
  });
});

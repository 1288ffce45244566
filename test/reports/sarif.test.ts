import { spawnSync } from 'node:child_process';
import { accessSync, constants, copyFileSync, chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../engine/model/finding.js';
import { FIXTURE_REPORT } from '../fixtures/reports/audit-report.js';
import { render } from '../helpers/render.js';
import { MULTITOOL_DIR, sarifValidator } from '../helpers/sarif-schema.js';

interface SarifLog {
  runs: {
    tool: { driver: { rules: { id: string; helpUri?: string }[] } };
    results: {
      ruleId: string; ruleIndex: number; level: string; baselineState?: string;
      partialFingerprints: Record<string, string>;
      locations: { physicalLocation?: { artifactLocation: { uri?: string }; region: Record<string, number> } }[];
    }[];
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: unknown[] }[];
  }[];
}

const parse = async (report = FIXTURE_REPORT, cwd?: string) => JSON.parse(await render('sarif', report, cwd)) as SarifLog;

/** The multitool ships without its execute bit when installed with --ignore-scripts; run a copy that has it. */
function multitool(): string {
  const shipped = join(MULTITOOL_DIR, 'Sarif.Multitool');
  try {
    accessSync(shipped, constants.X_OK);
    return shipped;
  } catch {
    const copy = join(mkdtempSync(join(tmpdir(), 'caplint-sarif-')), 'Sarif.Multitool');
    copyFileSync(shipped, copy);
    chmodSync(copy, 0o755);
    return copy;
  }
}

/** What `Sarif.Multitool validate` reports about a log: one line per error or warning. */
function multitoolProblems(log: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'caplint-sarif-'));
  writeFileSync(join(dir, 'report.sarif'), log);
  const run = spawnSync(multitool(), ['validate', join(dir, 'report.sarif'), '--output', join(dir, 'validation.sarif'), '--log', 'ForceOverwrite'], {
    encoding: 'utf8', timeout: 120_000, env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
  });
  if (run.status !== 0) throw new Error(`Sarif.Multitool exited with ${run.status ?? run.signal}: ${run.stdout}${run.stderr}`);
  const validation = JSON.parse(readFileSync(join(dir, 'validation.sarif'), 'utf8')) as { runs: { results?: { level?: string; message: { text?: string }; ruleId: string }[] }[] };
  return (validation.runs[0]!.results ?? []).map((r) => `${r.level ?? 'warning'} ${r.ruleId}: ${r.message.text ?? ''}`);
}

let FIXTURE_SARIF = '';

describe('sarif', () => {
  beforeAll(async () => {
    FIXTURE_SARIF = await render('sarif');
  });

  it('is valid against the official SARIF 2.1.0 schema (ajv, draft 2020-12)', async () => {
    const validate = sarifValidator();
    for (const report of [FIXTURE_REPORT, { ...FIXTURE_REPORT, findings: [], errors: [] }]) {
      const valid = validate(JSON.parse(await render('sarif', report)));
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    }
    const broken = JSON.parse(await render('sarif')) as SarifLog;
    broken.runs[0]!.results[0]!.locations[0]!.physicalLocation!.region.startLine = 0;
    expect(validate(broken)).toBe(false);
  });

  it("passes Microsoft's Sarif.Multitool validate without errors or warnings", () => {
    expect(multitoolProblems(FIXTURE_SARIF)).toEqual([]);
    const unplaced = JSON.parse(FIXTURE_SARIF) as SarifLog;
    delete (unplaced.runs[0]!.results[0]!.locations[0]!.physicalLocation as { region?: unknown }).region;
    expect(multitoolProblems(JSON.stringify(unplaced)).join('\n')).toMatch(/SARIF2017/);
  });

  it('points every result at its rule and gives a 1-based region when the finding has a line', async () => {
    const run = (await parse()).runs[0]!;
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex]!.id).toBe(result.ruleId);
      const region = result.locations[0]!.physicalLocation?.region;
      if (region) for (const n of Object.values(region)) expect(n).toBeGreaterThanOrEqual(1);
    }
    const placed = [...FIXTURE_REPORT.findings, ...FIXTURE_REPORT.suppressed!].filter((f) => f.line !== null || (f.file !== null && FIXTURE_REPORT.sources.has(f.file)));
    expect(run.results.filter((r) => r.locations[0]!.physicalLocation?.region)).toHaveLength(placed.length);
    const wholeFile = run.results.find((r) => r.baselineState === 'absent')!.locations[0]!.physicalLocation!.region;
    expect(wholeFile).toEqual({ startLine: 1, endLine: 21 });
  });

  it('writes no absolute path, whatever cwd and input paths are', async () => {
    const text = await render('sarif');
    expect(text).not.toMatch(/"uri": "(\/|file:)/);
    expect(text).not.toContain('/repo/');
    const uris = (await parse()).runs[0]!.results.flatMap((r) => r.locations.map((l) => l.physicalLocation?.artifactLocation.uri));
    expect(uris).toContain('compose/app.json');
    expect(uris).toContain('k8s/hostile-pod.json');
  });

  it('keeps fingerprints when lines move and when cwd changes', async () => {
    const move = (f: Finding) => ({ ...f, line: f.line && f.line + 7, endLine: f.endLine && f.endLine + 7 });
    const moved = { ...FIXTURE_REPORT, findings: FIXTURE_REPORT.findings.map(move), suppressed: FIXTURE_REPORT.suppressed!.map(move) };
    const prints = (log: SarifLog) => log.runs[0]!.results.map((r) => Object.values(r.partialFingerprints)[0]);
    const base = prints(await parse());
    expect(prints(await parse(moved))).toEqual(base);
    expect(new Set(base).size).toBe(base.length);
  });

  it('describes a rule missing from the rule list (a custom rule) so every result has a ruleIndex', async () => {
    const custom = { ...FIXTURE_REPORT.findings[0]!, ruleId: 'custom/no-latest-tag', baseline: undefined };
    const run = (await parse({ ...FIXTURE_REPORT, findings: [custom] })).runs[0]!;
    const result = run.results[0]!;
    expect(run.tool.driver.rules[result.ruleIndex]!.id).toBe('custom/no-latest-tag');
  });

  it('keeps suppressed findings as results with an inSource suppression and its justification', async () => {
    const run = (await parse()).runs[0]!;
    const silenced = run.results.filter((r) => (r as { suppressions?: unknown }).suppressions);
    expect(silenced.map((r) => [r.ruleId, (r as { suppressions?: unknown }).suppressions])).toEqual([
      ['seccomp/required', [{ kind: 'inSource', status: 'accepted', justification: 'runs under gVisor, which filters syscalls itself' }]],
    ]);
    expect(run.results).toHaveLength(FIXTURE_REPORT.findings.length + 1);
  });

  it('carries baseline states and input errors', async () => {
    const run = (await parse()).runs[0]!;
    expect(new Set(run.results.map((r) => r.baselineState))).toEqual(new Set(['new', 'unchanged', 'updated', 'absent', undefined]));
    expect(run.invocations[0]!.executionSuccessful).toBe(false);
    expect(run.invocations[0]!.toolExecutionNotifications).toHaveLength(2);
  });
});

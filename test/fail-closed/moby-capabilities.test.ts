/**
 * compose and docker inputs get moby's capability merge (TweakCapabilities in
 * moby's oci/caps/utils.go), branch by branch; Kubernetes keeps the CRI
 * runtimes' add/drop over the default set.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { effectiveCapabilities } from '../../engine/inputs/cap-arithmetic.js';
import { allCapabilities, RUNTIME_DEFAULT_CAPS } from '../../engine/linux/capabilities.js';
import type { AuditReport } from '../../engine/model/finding.js';
import { caplint } from '../helpers/cli.js';

const ALL = allCapabilities();
const moby = (add: string[], drop: string[], privileged = false) => [...(effectiveCapabilities({ add, drop }, privileged, false, 'moby').capabilities.bounding as readonly string[])].sort();
const cri = (add: string[], drop: string[]) => [...(effectiveCapabilities({ add, drop }, false, false, 'cri').capabilities.bounding as readonly string[])].sort();
const sorted = (caps: readonly string[]) => [...caps].sort();
const without = (caps: readonly string[], ...gone: string[]) => sorted(caps.filter((c) => !gone.includes(c)));

describe('moby capability merge', () => {
  it('privileged: every capability, whatever the lists say', () => {
    expect(moby([], ['ALL'], true)).toEqual(sorted(ALL));
  });

  it('no lists: the default set', () => {
    expect(moby([], [])).toEqual(sorted(RUNTIME_DEFAULT_CAPS));
  });

  it('ALL in the adds: every capability except the drops named, so ALL + ALL is everything', () => {
    expect(moby(['ALL'], ['ALL'])).toEqual(sorted(ALL));
    expect(moby(['ALL'], ['SYS_ADMIN'])).toEqual(without(ALL, 'CAP_SYS_ADMIN'));
    expect(moby(['all', 'SYS_ADMIN'], ['ALL', 'cap_sys_admin'])).toEqual(without(ALL, 'CAP_SYS_ADMIN'));
  });

  it('ALL in the drops (and not the adds): only the adds', () => {
    expect(moby(['NET_BIND_SERVICE'], ['ALL'])).toEqual(['CAP_NET_BIND_SERVICE']);
    expect(moby([], ['ALL'])).toEqual([]);
  });

  it('otherwise the default set, minus the drops, plus the adds', () => {
    expect(moby(['NET_ADMIN'], ['CHOWN'])).toEqual(sorted([...without(RUNTIME_DEFAULT_CAPS, 'CAP_CHOWN'), 'CAP_NET_ADMIN']));
    // moby drops from the base first, then appends the adds: a cap both added and dropped is kept.
    expect(moby(['NET_ADMIN'], ['NET_ADMIN'])).toContain('CAP_NET_ADMIN');
  });

  it('Kubernetes (CRI) stays as it was: drop ALL clears even after add ALL', () => {
    expect(cri(['ALL'], ['ALL'])).toEqual([]);
    expect(cri(['NET_ADMIN'], ['ALL'])).toEqual(['CAP_NET_ADMIN']);
  });
});

describe('compose cap_add: [ALL] with cap_drop: [ALL]', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'caplint-moby-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is every capability, reported as critical, and the gate fails', async () => {
    const path = join(dir, 'compose.yaml');
    writeFileSync(path, 'services:\n  web:\n    image: x\n    cap_add: [ALL]\n    cap_drop: [ALL]\n');
    const { code, stdout } = await caplint(['audit', '--format', 'json', path]);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as AuditReport;
    const found = report.findings.find((f) => f.ruleId === 'capabilities/no-dangerous');
    expect(found?.message).toBe(`service "web" holds every capability (${ALL.length}) in its bounding set.`);
    expect(found?.severity).toBe('critical');
  });
});

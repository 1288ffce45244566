import { describe, it, expect } from 'vitest';
import { detectFormat, profileSource, loadProfile } from '../../engine/seccomp/profile/load.js';
import { parseKernelRelease, parseMinKernel, atLeast } from '../../engine/seccomp/profile/kernel.js';
import { failure } from './helpers.js';

describe('loading a profile file', () => {
  it("tells Docker's format by the keys only it has", () => {
    expect(detectFormat({ defaultAction: 'SCMP_ACT_ERRNO', archMap: [] })).toBe('docker');
    expect(detectFormat({ defaultAction: 'SCMP_ACT_ERRNO', syscalls: [{ name: 'read', action: 'SCMP_ACT_ALLOW' }] })).toBe('docker');
    expect(detectFormat({ defaultAction: 'SCMP_ACT_ERRNO', syscalls: [{ names: ['read'], action: 'SCMP_ACT_ALLOW', includes: {} }] })).toBe('docker');
    expect(detectFormat({ defaultAction: 'SCMP_ACT_ERRNO', architectures: ['SCMP_ARCH_X86_64'], syscalls: [{ names: ['read'], action: 'SCMP_ACT_ALLOW' }] })).toBe('oci');
  });

  it('keeps the parsed text as the origin, for positions', () => {
    const src = profileSource('p.json', '{\n  "defaultAction": "SCMP_ACT_ALLOW"\n}\n');
    expect(src).toMatchObject({ format: 'oci', pointer: '', file: 'p.json' });
    expect(src.origin?.span('/defaultAction')?.line).toBe(2);
  });

  it('reports JSON syntax errors at their place', () => {
    expect(failure(() => loadProfile('p.json', '{\n  "defaultAction": SCMP_ACT_ALLOW\n}'))).toMatch(/^p\.json:2:\d+: not valid JSON/);
  });
});

describe('kernel versions', () => {
  it('reads minKernel as major.minor only, and a release as uname prints it', () => {
    expect(parseMinKernel('4.8')).toEqual({ major: 4, minor: 8 });
    expect(parseMinKernel('4.8.1')).toBeUndefined();
    expect(parseMinKernel('v5')).toBeUndefined();
    expect(parseKernelRelease('6.1.0-13-amd64')).toEqual({ major: 6, minor: 1 });
    expect(parseKernelRelease('unknown')).toBeUndefined();
  });

  it('compares major, then minor', () => {
    expect(atLeast({ major: 5, minor: 0 }, { major: 4, minor: 8 })).toBe(true);
    expect(atLeast({ major: 4, minor: 8 }, { major: 4, minor: 8 })).toBe(true);
    expect(atLeast({ major: 4, minor: 7 }, { major: 4, minor: 8 })).toBe(false);
  });
});

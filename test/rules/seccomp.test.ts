import { describe, expect, it } from 'vitest';
import { hardened, lint, lineOf } from '../helpers/oci.js';

describe('seccomp/required', () => {
  it('passes with a filter', async () => {
    expect((await lint(hardened(), 'seccomp/required')).findings).toEqual([]);
  });

  it('reports a config without linux.seccomp at the linux object', async () => {
    const config = hardened();
    delete config.linux.seccomp;
    const { text, findings } = await lint(config, 'seccomp/required');
    expect(findings.map((f) => [f.message, f.severity, f.line, f.pointer])).toEqual([
      ['container "app" runs without a seccomp filter.', 'high', lineOf(text, '"linux"'), '/linux'],
    ]);
  });
});

describe('seccomp/default-deny', () => {
  it('passes an allow-list', async () => {
    expect((await lint(hardened(), 'seccomp/default-deny')).findings).toEqual([]);
  });

  it('reports a default that allows, at defaultAction', async () => {
    const config = hardened();
    config.linux.seccomp.defaultAction = 'SCMP_ACT_LOG';
    const { text, findings } = await lint(config, 'seccomp/default-deny');
    expect(findings.map((f) => [f.line, f.message])).toEqual([
      [lineOf(text, '"defaultAction"'), 'container "app"\'s seccomp profile lets every unlisted syscall through (defaultAction SCMP_ACT_LOG).'],
    ]);
  });
});

describe('seccomp/no-risky-syscalls', () => {
  it('passes a profile that denies them all and filters clone and socket by argument', async () => {
    expect((await lint(hardened(), 'seccomp/no-risky-syscalls')).findings).toEqual([]);
  });

  it('names the allowed syscalls by group, at the first one\'s name', async () => {
    const config = hardened();
    config.linux.seccomp.syscalls.push({ names: ['add_key', 'keyctl', 'ptrace'], action: 'SCMP_ACT_ALLOW' });
    const { text, findings } = await lint(config, 'seccomp/no-risky-syscalls');
    expect(findings.map((f) => [f.message, f.severity, f.line])).toEqual([
      ['container "app"\'s seccomp profile allows keyctl and add_key (keyring).', 'high', lineOf(text, '"keyctl"')],
      ['container "app"\'s seccomp profile allows ptrace (cross-process).', 'medium', lineOf(text, '"ptrace"')],
    ]);
  });

  it('treats a deny-list that omits a risky call as allowing it, located at defaultAction', async () => {
    const config = hardened();
    config.linux.seccomp = { defaultAction: 'SCMP_ACT_ALLOW', architectures: ['SCMP_ARCH_X86_64'], syscalls: [{ names: ['bpf'], action: 'SCMP_ACT_ERRNO' }] };
    const { text, findings } = await lint(config, 'seccomp/no-risky-syscalls');
    expect(findings.some((f) => f.message.includes('bpf'))).toBe(false);
    const keyring = findings.find((f) => f.message.includes('(keyring)'))!;
    expect(keyring.line).toBe(lineOf(text, '"defaultAction"'));
  });

  // runc reads linux.seccomp with the runtime-spec types, which have no includes/excludes:
  // in an OCI config a Docker-style includes.caps is ignored and the rule applies to every container.
  it('treats Docker-only includes.caps in an OCI config as runc does: ignored', async () => {
    const config = hardened();
    config.linux.seccomp.syscalls.push({ names: ['mount'], action: 'SCMP_ACT_ALLOW', includes: { caps: ['CAP_SYS_ADMIN'] } });
    const without = await lint(config, 'seccomp/no-risky-syscalls');
    expect(without.findings.map((f) => f.message)).toEqual(['container "app"\'s seccomp profile allows mount (mount).']);
    config.process.capabilities.bounding.push('CAP_SYS_ADMIN');
    const { findings } = await lint(config, 'seccomp/no-risky-syscalls');
    expect(findings.map((f) => f.message)).toEqual(['container "app"\'s seccomp profile allows mount (mount).']);
  });

  it('reports clone allowed without an argument check', async () => {
    const config = hardened();
    config.linux.seccomp.syscalls.push({ names: ['clone'], action: 'SCMP_ACT_ALLOW' });
    const { findings } = await lint(config, 'seccomp/no-risky-syscalls');
    expect(findings.map((f) => [f.message, f.severity])).toEqual([
      ['container "app"\'s seccomp profile allows clone without checking its arguments.', 'medium'],
    ]);
  });
});

describe('seccomp/architectures', () => {
  it('passes when x86_64, x86 and x32 are listed', async () => {
    expect((await lint(hardened(), 'seccomp/architectures')).findings).toEqual([]);
  });

  it('reports missing architectures at the profile, and uncovered compat ABIs at the list', async () => {
    const config = hardened();
    delete config.linux.seccomp.architectures;
    const missing = await lint(config, 'seccomp/architectures');
    expect(missing.findings.map((f) => [f.message, f.line])).toEqual([
      ['container "app"\'s seccomp profile does not list its architectures.', lineOf(missing.text, '"seccomp"')],
    ]);
    config.linux.seccomp.architectures = ['SCMP_ARCH_X86_64'];
    const compat = await lint(config, 'seccomp/architectures');
    expect(compat.findings.map((f) => [f.message, f.severity, f.line])).toEqual([
      ['container "app"\'s seccomp profile covers SCMP_ARCH_X86_64 but not SCMP_ARCH_X86 and SCMP_ARCH_X32.', 'low', lineOf(compat.text, '"architectures"')],
    ]);
  });
});

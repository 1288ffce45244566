import { describe, expect, it } from 'vitest';
import { hardened, lint, lineOf } from '../helpers/oci.js';

describe('privileges/no-new-privileges', () => {
  it('passes when set', async () => {
    expect((await lint(hardened(), 'privileges/no-new-privileges')).findings).toEqual([]);
  });

  it('reports false at the field, and absent at the process', async () => {
    const config = hardened();
    config.process.noNewPrivileges = false;
    const off = await lint(config, 'privileges/no-new-privileges');
    expect(off.findings.map((f) => [f.line, f.severity])).toEqual([[lineOf(off.text, '"noNewPrivileges"'), 'high']]);
    delete config.process.noNewPrivileges;
    const absent = await lint(config, 'privileges/no-new-privileges');
    expect(absent.findings.map((f) => f.line)).toEqual([lineOf(absent.text, '"process"')]);
  });
});

describe('privileges/no-root-without-userns', () => {
  it('passes root inside a user namespace, and non-root without one', async () => {
    const config = hardened();
    config.process.user.uid = 0;
    expect((await lint(config, 'privileges/no-root-without-userns')).findings).toEqual([]);
    const noUserns = hardened();
    noUserns.linux.namespaces = noUserns.linux.namespaces.filter((n: { type: string }) => n.type !== 'user');
    expect((await lint(noUserns, 'privileges/no-root-without-userns')).findings).toEqual([]);
  });

  it('reports uid 0 without a user namespace, at the uid', async () => {
    const config = hardened();
    config.process.user.uid = 0;
    config.linux.namespaces = config.linux.namespaces.filter((n: { type: string }) => n.type !== 'user');
    const { text, findings } = await lint(config, 'privileges/no-root-without-userns');
    expect(findings.map((f) => [f.ruleId, f.line])).toEqual([['privileges/no-root-without-userns', lineOf(text, '"uid": 0')]]);
  });
});

describe('privileges/read-only-rootfs', () => {
  it('passes a read-only root and reports a writable one', async () => {
    expect((await lint(hardened(), 'privileges/read-only-rootfs')).findings).toEqual([]);
    const config = hardened();
    config.root.readonly = false;
    const { text, findings } = await lint(config, 'privileges/read-only-rootfs');
    expect(findings.map((f) => [f.ruleId, f.line])).toEqual([['privileges/read-only-rootfs', lineOf(text, '"readonly"')]]);
  });
});

describe('privileges/masked-paths', () => {
  it('passes the runc defaults', async () => {
    expect((await lint(hardened(), 'privileges/masked-paths')).findings).toEqual([]);
  });

  it('names the paths left unmasked and writable', async () => {
    const config = hardened();
    config.linux.maskedPaths = config.linux.maskedPaths.filter((p: string) => p !== '/proc/kcore' && p !== '/proc/keys');
    delete config.linux.readonlyPaths;
    const { text, findings } = await lint(config, 'privileges/masked-paths');
    expect(findings.map((f) => [f.message, f.line])).toEqual([
      ['container "app" does not make /proc/bus, /proc/fs, /proc/irq, /proc/sys, /proc/sysrq-trigger read-only.', lineOf(text, '"linux"')],
      ['container "app" does not mask /proc/kcore, /proc/keys.', lineOf(text, '"maskedPaths"')],
    ]);
  });
});

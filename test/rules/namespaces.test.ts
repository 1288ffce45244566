import { describe, expect, it } from 'vitest';
import { hardened, lint, lineOf } from '../helpers/oci.js';

describe('namespaces/no-host-namespaces', () => {
  it('passes when every namespace is the container\'s own', async () => {
    expect((await lint(hardened(), 'namespaces/no-host-namespaces')).findings).toEqual([]);
  });

  it('reports each missing type at the namespace list, graded by what it exposes', async () => {
    const config = hardened();
    config.linux.namespaces = config.linux.namespaces.filter((n: { type: string }) => !['mount', 'network', 'uts'].includes(n.type));
    const { text, findings } = await lint(config, 'namespaces/no-host-namespaces');
    expect(findings.map((f) => [f.message, f.severity, f.line])).toEqual([
      ['container "app" shares the host\'s mount namespace.', 'critical', lineOf(text, '"namespaces"')],
      ['container "app" shares the host\'s network namespace.', 'high', lineOf(text, '"namespaces"')],
      ['container "app" shares the host\'s uts namespace.', 'low', lineOf(text, '"namespaces"')],
    ]);
  });
});

describe('namespaces/user-namespace', () => {
  it('passes with a user namespace', async () => {
    expect((await lint(hardened(), 'namespaces/user-namespace')).findings).toEqual([]);
  });

  it('reports a missing user namespace', async () => {
    const config = hardened();
    config.linux.namespaces = config.linux.namespaces.filter((n: { type: string }) => n.type !== 'user');
    const { text, findings } = await lint(config, 'namespaces/user-namespace');
    expect(findings.map((f) => [f.ruleId, f.line])).toEqual([['namespaces/user-namespace', lineOf(text, '"namespaces"')]]);
  });
});

describe('namespaces/no-joined', () => {
  it('reports joining PID 1\'s network namespace as critical, at that entry', async () => {
    const config = hardened();
    config.linux.namespaces[1] = { type: 'network', path: '/proc/1/ns/net' };
    const { text, findings } = await lint(config, 'namespaces/no-joined');
    expect(findings.map((f) => [f.severity, f.line, f.message])).toEqual([
      // The entry's object opens on the line above its "type".
      ['critical', lineOf(text, '"type": "network"') - 1, 'container "app" joins the network namespace at /proc/1/ns/net.'],
    ]);
  });

  it('reports joining another process\'s namespace as medium', async () => {
    const config = hardened();
    config.linux.namespaces[2] = { type: 'ipc', path: '/run/netns/other' };
    const { findings } = await lint(config, 'namespaces/no-joined');
    expect(findings.map((f) => f.severity)).toEqual(['medium']);
  });
});

describe('namespaces/id-mappings', () => {
  it('passes with mappings to an unprivileged range', async () => {
    expect((await lint(hardened(), 'namespaces/id-mappings')).findings).toEqual([]);
  });

  it('reports a user namespace without mappings, and a mapping onto host root', async () => {
    const config = hardened();
    delete config.linux.uidMappings;
    config.linux.gidMappings = [{ containerID: 0, hostID: 0, size: 1 }];
    const { text, findings } = await lint(config, 'namespaces/id-mappings');
    expect(findings.map((f) => [f.message, f.line])).toEqual([
      ['container "app" creates a user namespace without uid mappings.', lineOf(text, '"linux"')],
      ['container "app" maps container gid 0 onto host gid 0.', lineOf(text, '"gidMappings"') + 1],
    ]);
  });
});

describe('unknown namespace types', () => {
  it('are input errors with a did-you-mean', async () => {
    const config = hardened();
    config.linux.namespaces.push({ type: 'netwrk' });
    const { text, errors } = await lint(config);
    expect(errors.map((e) => [e.line, e.message])).toEqual([[lineOf(text, '"netwrk"'), '"netwrk" is not a namespace type (did you mean network?)']]);
  });
});

/** `caplint run --config`: an OCI config's process settings and its linux.seccomp. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/io.js';
import { IS_ROOT, buildProbe } from '../helpers/probe.js';

let dir: string;
beforeAll(() => void (dir = mkdtempSync(join(tmpdir(), 'caplint-config-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[]) => runInProcess(dir, args);

describe('caplint run --config', () => {
  it('takes capabilities, noNewPrivileges and the user from an OCI config', async () => {
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ process: { noNewPrivileges: false, user: { uid: 1000, gid: 1000 }, capabilities: { bounding: ['CAP_CHOWN', 'CAP_KILL'], permitted: ['CAP_KILL'], effective: ['CAP_KILL'], inheritable: ['CAP_KILL'], ambient: ['CAP_KILL'] } } }));
    const r = await run(['--dry-run', '--config', config, '--', 'true']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/bounding +0000000000000021 +CAP_CHOWN CAP_KILL\n/);
    expect(r.out).toMatch(/ambient +0000000000000020 +CAP_KILL\n/);
    expect(r.out).toMatch(/user +uid 1000, gid 1000/);
    expect(r.out).toMatch(/no_new_privs no/);
  });

  it.skipIf(!IS_ROOT || process.arch !== 'x64')('compiles the inline profile and the child gets its errno for keyctl', async () => {
    const config = join(dir, 'seccomp-config.json');
    const out = join(dir, 'inline-keyctl');
    writeFileSync(config, JSON.stringify({
      process: { noNewPrivileges: true, capabilities: { bounding: ['CAP_KILL'], permitted: ['CAP_KILL'], effective: ['CAP_KILL'] } },
      linux: { seccomp: { defaultAction: 'SCMP_ACT_ALLOW', architectures: ['SCMP_ARCH_X86_64'], syscalls: [{ names: ['keyctl'], action: 'SCMP_ACT_ERRNO', errnoRet: 13 }] } },
    }));
    const dry = await run(['--dry-run', '--config', config, '--', 'true']);
    expect(dry.out).toMatch(/seccomp +.*seccomp-config\.json \(linux\.seccomp\): \d+ instructions/);
    const probe = buildProbe();
    try {
      const r = await run(['--config', config, '--', probe.binary, '-o', out, 'call', '250', '0']);
      expect(r).toMatchObject({ code: 0, err: '' });
      expect(readFileSync(out, 'utf8')).toBe('errno 13\n');
    } finally {
      probe.cleanup();
    }
  });

  it('places an error in the config at its line', async () => {
    const config = join(dir, 'bad-seccomp-config.json');
    writeFileSync(config, '{\n  "linux": {\n    "seccomp": { "defaultAction": "SCMP_ACT_NOPE" }\n  }\n}\n');
    const r = await run(['--dry-run', '--config', config, '--', 'true']);
    expect(r.code).toBe(125);
    expect(r.err).toMatch(new RegExp(`${config}:3:\\d+: `));
  });
});

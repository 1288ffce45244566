/** Unknown capability and syscall names in a profile are refused at their file:line:column; newer syscall names pass only when asked. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { caplint } from '../helpers/cli.js';
import { editDistance } from '../../engine/linux/suggest.js';

const dir = mkdtempSync(join(tmpdir(), 'caplint-names-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const BOGUS = file('bogus.json', '{\n  "capabilities": {\n    "allow": ["CAP_CHOWN", "CAP_BOGUS"]\n  }\n}\n');
const TYPO = file('typo.json', '{\n  "capabilities": { "allow": ["CAP_SYS_ADMN"] }\n}\n');
const FORBIDS = file('forbids.json', '{\n  "forbiddenSyscalls": ["keyctl",\n    "keyclt"]\n}\n');
const NEWER = file('newer.json', '{\n  "forbiddenSyscalls": ["keyctl", "future_call9"]\n}\n');
const SECCOMP = file('seccomp.json', '{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [\n  {"names": ["read", "write", "execve", "exit_group", "future_call9"], "action": "SCMP_ACT_ALLOW"}]}\n');
const DRY = ['--dry-run', '--allow-partial', '--', '/bin/true'];

describe.skipIf(process.platform !== 'linux')('names in profiles given to run', () => {
  it('CAP_BOGUS is refused at its line and column, and nothing runs', async () => {
    const r = await caplint(['run', '--profile', BOGUS, ...DRY]);
    expect(r.stderr).toBe(`caplint run: ${BOGUS}:3:28: profile ${BOGUS}: "CAP_BOGUS" is not a capability; nothing was run\n`);
    expect(r.code).toBe(125);
  });

  it('a near miss gets a did-you-mean', async () => {
    const r = await caplint(['run', '--profile', TYPO, ...DRY]);
    expect(r.stderr).toMatch(new RegExp(`:2:31: profile .*"CAP_SYS_ADMN" is not a capability \\(did you mean CAP_SYS_ADMIN\\?\\); nothing was run\\n$`));
  });

  it('an unknown forbidden syscall is refused at its place, with the hint and the flag', async () => {
    const r = await caplint(['run', '--profile', FORBIDS, ...DRY]);
    expect(r.stderr).toMatch(/:3:5: profile .*"keyclt" is not a system call \(did you mean keyctl\?\) \(--accept-unknown-syscalls takes names newer than caplint's tables\); nothing was run\n$/);
    expect(r.code).toBe(125);
  });

  it('--accept-unknown-syscalls takes a newer name in the profile and in the seccomp profile, and says so', async () => {
    expect((await caplint(['run', '--profile', NEWER, ...DRY])).code).toBe(125);
    const r = await caplint(['run', '--profile', NEWER, '--seccomp', SECCOMP, '--accept-unknown-syscalls', ...DRY]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('names unknown to this kernel table, accepted (--accept-unknown-syscalls) and matching nothing: future_call9\n');
    expect(r.stdout).toMatch(/seccomp .*; names unknown to this kernel table: future_call9/);
  });

  it('a seccomp profile naming an unknown syscall is refused without the flag', async () => {
    const r = await caplint(['run', '--seccomp', SECCOMP, ...DRY]);
    expect(r.stderr).toMatch(new RegExp(`${SECCOMP}:2:55: "future_call9" is not a system call on any architecture`));
    expect(r.code).toBe(125);
  });
});

describe('names in policies given to audit', () => {
  it('CAP_BOGUS is refused at its line and column (exit 2)', async () => {
    const r = await caplint(['audit', '--policy', BOGUS, 'examples/oci/runc-default/config.json']);
    expect(r.stderr).toContain(`${BOGUS}:3:28: profile ${BOGUS}: "CAP_BOGUS" is not a capability`);
    expect(r.code).toBe(2);
  });

  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('WRTIE', 'WRITE')).toBe(1);
    expect(editDistance('KEYCLT', 'KEYCTL')).toBe(1);
    expect(editDistance('ABC', 'CBA')).toBe(2);
  });
});

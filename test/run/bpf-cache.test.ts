/**
 * Compiled programs reused instead of compiled: the programs shipped for the
 * built-in profiles equal fresh compiles, and the per-user cache is used only
 * when an entry verifies and nobody else could have written it.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir, release } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileForArch, compileSeccompProfile } from '../../engine/run/seccomp-compile.js';
import { programKey } from '../../engine/run/bpf-cache/key.js';
import { addonSha256 } from '../../enforcer/sha256.js';
import { shippedIndex } from '../../engine/run/bpf-cache/store.js';
import { buildIntent } from '../../engine/run/run-intent.js';
import { builtInSeccompPath } from '../../engine/run/seccomp-source.js';
import { profileSource } from '../../engine/seccomp/profile/load.js';
import { parseKernelRelease } from '../../engine/seccomp/profile/kernel.js';
// @ts-expect-error a plain .mjs build script without types
import { compilerId as sourceCompilerId } from '../../scripts/compiler-id.mjs';

const ROOT = resolve(__dirname, '../..');
const NOT_X64 = process.arch !== 'x64';
if (NOT_X64) console.warn(`SKIPPED: the cache tests compile for x86_64 and this machine is ${process.arch}`);
const tmp = mkdtempSync(join(tmpdir(), 'caplint-bpf-cache-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const PROFILE = JSON.stringify({ defaultAction: 'SCMP_ACT_ERRNO', syscalls: [{ names: ['read', 'write', 'execve', 'exit_group', 'brk', 'mmap'], action: 'SCMP_ACT_ALLOW' }] });
const profileFile = join(tmp, 'small.json');
writeFileSync(profileFile, PROFILE);
const source = () => profileSource(profileFile, readFileSync(profileFile, 'utf8'));

describe('programs shipped with the package', () => {
  const index = shippedIndex();

  it('were compiled by the compiler in this tree (a stale build would not match)', () => {
    expect(index, 'dist/bpf/index.json is written by `npm run build`').not.toBeNull();
    expect(index!.compilerId).toBe(sourceCompilerId(ROOT));
  });

  it('equal a fresh compile for every built-in profile and host architecture', () => {
    const built = (index as unknown as { built: { profile: string; arch: 'x86_64' | 'aarch64'; key: string }[] }).built;
    expect(built.map((b) => `${b.profile}/${b.arch}`)).toEqual(expect.arrayContaining(['default/x86_64', 'default/aarch64', 'restricted/x86_64', 'restricted/aarch64']));
    for (const { profile, arch, key } of built) {
      const intent = buildIntent({ profile, capAdd: [], capDrop: [] }, ROOT);
      const ref = (intent.seccomp as { ref: string }).ref;
      const text = readFileSync(builtInSeccompPath(ref), 'utf8');
      const src = profileSource(builtInSeccompPath(ref), text);
      const context = { capabilities: intent.capabilities.bounding, forbidden: intent.forbiddenSyscalls };
      const expectedKey = programKey({ compilerId: index!.compilerId, arch, profile: { text }, capabilities: context.capabilities, forbidden: context.forbidden, flags: intent.seccompFlags, kernel: parseKernelRelease(release()) });
      expect(key, `${profile}/${arch}`).toBe(expectedKey);
      const fresh = compileForArch(src, profile, arch, context);
      expect(Buffer.from(index!.programs[key]!.program, 'base64').equals(Buffer.from(fresh.program)), `${profile}/${arch}`).toBe(true);
    }
  });
});

describe('the compiled-program cache', () => {
  const dir = join(tmp, 'cache', 'caplint', 'bpf');
  const entryFile = () => {
    const key = programKey({ compilerId: shippedIndex()!.compilerId, arch: 'x86_64', profile: { format: 'oci', document: source().document }, capabilities: [], forbidden: [], flags: [], kernel: parseKernelRelease(release()) });
    return join(dir, `${key}.json`);
  };
  const compileCached = () => compileSeccompProfile(source(), 'small', [], { capabilities: [], cache: { dir } });
  const fresh = compileSeccompProfile(source(), 'small', [], { capabilities: [] });

  it.skipIf(NOT_X64)('is written owner-only on a miss and read on the next launch', () => {
    const first = compileCached();
    expect(first.origin).toBe('compiled');
    expect(existsSync(entryFile())).toBe(true);
    expect(statSync(entryFile()).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const second = compileCached();
    expect(second.origin).toBe('cached');
    expect(Buffer.from(second.program).equals(Buffer.from(fresh.program))).toBe(true);
    expect(second.summary).toMatch(/from the compiled-program cache/);
  });

  it.skipIf(NOT_X64)('refuses an entry with a flipped byte, recompiles and rewrites it', () => {
    compileCached();
    const entry = JSON.parse(readFileSync(entryFile(), 'utf8'));
    const bytes = Buffer.from(entry.program, 'base64');
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 4) ^ 0x01, bytes.length - 4); // the last instruction's k: ALLOW becomes something else
    writeFileSync(entryFile(), JSON.stringify({ ...entry, program: bytes.toString('base64') }), { mode: 0o600 });
    const again = compileCached();
    expect(again.origin).toBe('compiled');
    expect(Buffer.from(again.program).equals(Buffer.from(fresh.program))).toBe(true);
    expect(compileCached().origin).toBe('cached'); // rewritten whole
  });

  it.skipIf(NOT_X64)('keys a profile read from a file by its text, and parses it only to compile it', () => {
    const text = readFileSync(profileFile, 'utf8');
    let parses = 0;
    const fromFile = (t: string) => compileSeccompProfile({ text: t, parse: () => (parses++, profileSource(profileFile, t)) }, 'small', [], { capabilities: [], cache: { dir } });
    expect(fromFile(text).origin).toBe('compiled');
    expect(parses).toBe(1);
    const reused = fromFile(text);
    expect(reused.origin).toBe('cached');
    expect(parses).toBe(1); // a reused program needs no parse
    expect(Buffer.from(reused.program).equals(Buffer.from(fresh.program))).toBe(true);
    expect(fromFile(`${text}\n`).origin).toBe('compiled'); // another text is another key, even when it means the same
    expect(parses).toBe(2);
    expect(() => fromFile('{"defaultAction": ')).toThrow(); // a text that does not parse is never found: it is parsed, and refused
  });

  it.skipIf(NOT_X64)('hashed by the addon, as caplint run does it: reads what node:crypto wrote, and refuses a flipped byte', () => {
    const sha256 = addonSha256()!;
    expect(sha256).toBeTypeOf('function');
    const withAddon = () => compileSeccompProfile(source(), 'small', [], { capabilities: [], cache: { dir, sha256 } });
    compileCached(); // written with node:crypto's digest
    expect(withAddon().origin).toBe('cached');
    const entry = JSON.parse(readFileSync(entryFile(), 'utf8'));
    const bytes = Buffer.from(entry.program, 'base64');
    bytes.writeUInt8(bytes.readUInt8(0) ^ 0x01, 0);
    writeFileSync(entryFile(), JSON.stringify({ ...entry, program: bytes.toString('base64') }), { mode: 0o600 });
    const again = withAddon();
    expect(again.origin).toBe('compiled');
    expect(Buffer.from(again.program).equals(Buffer.from(fresh.program))).toBe(true);
    expect(compileCached().origin).toBe('cached'); // rewritten with the addon's digest, read with node:crypto's
  });

  it.skipIf(NOT_X64)('never loads an entry that another user could have written, even with a matching hash', () => {
    compileCached();
    // A forged entry: a different program with its own correct length and hash.
    const entry = JSON.parse(readFileSync(entryFile(), 'utf8'));
    const forged = Buffer.from([0x06, 0, 0, 0, 0x00, 0x00, 0xff, 0x7f]); // ret ALLOW
    const forgedEntry = { ...entry, program: forged.toString('base64'), length: 8, sha256: createHash('sha256').update(forged).digest('hex'), stats: { ...entry.stats, instructions: 1 } };
    writeFileSync(entryFile(), JSON.stringify(forgedEntry), { mode: 0o600 });
    chmodSync(entryFile(), 0o666);
    expect(compileCached().origin).toBe('compiled'); // group/other-writable file: not read, replaced
    writeFileSync(entryFile(), JSON.stringify(forgedEntry), { mode: 0o600 });
    chmodSync(dir, 0o777);
    const inOpenFolder = compileCached();
    expect(inOpenFolder.origin).toBe('compiled'); // a folder others can write: not read
    expect(Buffer.from(inOpenFolder.program).equals(Buffer.from(fresh.program))).toBe(true);
    chmodSync(dir, 0o700);
    const elsewhere = join(tmp, 'forged.json');
    writeFileSync(elsewhere, JSON.stringify(forgedEntry), { mode: 0o600 });
    rmSync(entryFile());
    symlinkSync(elsewhere, entryFile());
    expect(compileCached().origin).toBe('compiled'); // a link is not followed
  });
});

describe('caplint run and the cache', () => {
  const bin = join(ROOT, 'bin/caplint.js');
  const env = { ...process.env, XDG_CACHE_HOME: join(tmp, 'cli-cache'), NO_COLOR: '1' };
  const dryRun = (...args: string[]) => spawnSync(process.execPath, [bin, 'run', ...args, '--dry-run', '--allow-partial', '--', '/bin/true'], { encoding: 'utf8', env });

  it.skipIf(NOT_X64)('uses the shipped program for a built-in profile, the cache for a user profile, and neither with --no-cache', () => {
    expect(dryRun('--profile', 'default').stdout).toMatch(/default errno \(compiled when the package was built\)/);
    expect(dryRun('--profile', 'default', '--no-cache').stdout).not.toMatch(/compiled when the package was built|compiled-program cache/);
    expect(dryRun('--seccomp', profileFile).stdout).not.toMatch(/compiled-program cache/);
    expect(dryRun('--seccomp', profileFile).stdout).toMatch(/\(from the compiled-program cache\)/);
    expect(dryRun('--seccomp', profileFile, '--no-cache').stdout).not.toMatch(/compiled-program cache/);
  });
});

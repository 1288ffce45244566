#!/usr/bin/env node
/**
 * Compile the seccomp program of every built-in profile for every host
 * architecture caplint launches on, as `caplint run --profile NAME` would,
 * into dist/bpf/index.json. `run` uses an entry only when its key (compiler
 * identity, arch, profile, capabilities, forbidden list, flags, kernel
 * conditions) matches exactly; a test compares each entry with a fresh compile.
 * Runs after tsc (it imports dist/).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compilerId } from './compiler-id.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => join(root, 'dist', p);
const { builtInProfileNames } = await import(dist('engine/policy/profile.js'));
const { buildIntent } = await import(dist('engine/run/run-intent.js'));
const { builtInSeccompPath } = await import(dist('engine/run/seccomp-source.js'));
const { compileForArch } = await import(dist('engine/run/seccomp-compile.js'));
const { profileSource } = await import(dist('engine/seccomp/profile/load.js'));
const { programKey } = await import(dist('engine/run/bpf-cache/key.js'));
const { storeProgram } = await import(dist('engine/run/bpf-cache/entry.js'));
const { parseKernelRelease } = await import(dist('engine/seccomp/profile/kernel.js'));
const { release } = await import('node:os');

export const HOST_ARCHES = ['x86_64', 'aarch64'];

const id = compilerId(root);
const programs = {};
const built = [];
for (const name of builtInProfileNames()) {
  const intent = buildIntent({ profile: name, capAdd: [], capDrop: [] }, root);
  if (!('ref' in intent.seccomp) || !/^[a-z0-9][a-z0-9-]*$/.test(intent.seccomp.ref) || intent.seccomp.ref === 'unconfined') continue;
  const file = builtInSeccompPath(intent.seccomp.ref);
  const text = readFileSync(file, 'utf8');
  const source = profileSource(file, text);
  const context = { capabilities: intent.capabilities.bounding, forbidden: intent.forbiddenSyscalls };
  for (const arch of HOST_ARCHES) {
    // Keyed by the file's text, as caplint run keys a profile it reads from a file.
    const key = programKey({ compilerId: id, arch, profile: { text }, capabilities: context.capabilities, forbidden: context.forbidden, flags: intent.seccompFlags, kernel: parseKernelRelease(release()) });
    const fresh = compileForArch(source, `caplint's "${intent.seccomp.ref}" profile`, arch, context);
    programs[key] = storeProgram(key, fresh.program, fresh.tableFlags, fresh.stats);
    built.push({ profile: name, arch, key });
  }
}
mkdirSync(dist('bpf'), { recursive: true });
writeFileSync(dist('bpf/index.json'), `${JSON.stringify({ compilerId: id, built, programs })}\n`);

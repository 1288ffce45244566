#!/usr/bin/env node
// `npm pack` runs this (prepack): builds the enforcer addon into
// prebuilds/<platform>-<arch>/ for linux-x64 (this machine's compiler) and,
// when Debian's g++-aarch64-linux-gnu is installed, linux-arm64. Each build
// runs in a scratch copy of the sources, so the working tree's build/ (which
// running tests load) is never touched. Each output's ELF machine is checked.
// The host architecture must build; a missing cross compiler only skips.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, openSync, readSync, closeSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADDON_FILE, NAPI_VERSION, nodeGyp, nodedirArgs } from './node-gyp.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** ELF e_machine values. */
const MACHINE = { x64: 62, arm64: 183 };
const TARGETS = [
  { arch: 'x64', cc: process.arch === 'x64' ? 'cc' : 'x86_64-linux-gnu-gcc', cxx: process.arch === 'x64' ? 'c++' : 'x86_64-linux-gnu-g++' },
  { arch: 'arm64', cc: process.arch === 'arm64' ? 'cc' : 'aarch64-linux-gnu-gcc', cxx: process.arch === 'arm64' ? 'c++' : 'aarch64-linux-gnu-g++' },
];

const has = (tool) => spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0;

function elfMachine(file) {
  const fd = openSync(file, 'r');
  const header = Buffer.alloc(20);
  readSync(fd, header, 0, 20, 0);
  closeSync(fd);
  return header.readUInt16LE(18);
}

function build({ arch, cc, cxx }) {
  const scratch = mkdtempSync(join(tmpdir(), `caplint-prebuild-${arch}-`));
  try {
    copyFileSync(join(root, 'binding.gyp'), join(scratch, 'binding.gyp'));
    cpSync(join(root, 'enforcer', 'native'), join(scratch, 'enforcer', 'native'), { recursive: true });
    const env = { ...process.env, CC: cc, CXX: cxx, LINK: cxx, NODE_PATH: join(root, 'node_modules') };
    const run = spawnSync(process.execPath, [nodeGyp(), 'rebuild', `--arch=${arch}`, '--loglevel=error', ...nodedirArgs()], { cwd: scratch, env, stdio: ['ignore', 'ignore', 'inherit'] });
    if (run.status !== 0) throw new Error(`node-gyp rebuild for linux-${arch} failed with exit code ${run.status ?? run.signal}`);
    const built = join(scratch, 'build', 'Release', ADDON_FILE);
    if (elfMachine(built) !== MACHINE[arch]) throw new Error(`the linux-${arch} build is not a linux-${arch} ELF file (machine ${elfMachine(built)})`);
    const out = join(root, 'prebuilds', `linux-${arch}`);
    mkdirSync(out, { recursive: true });
    copyFileSync(built, join(out, ADDON_FILE));
    writeFileSync(join(out, 'prebuild.json'), `${JSON.stringify({ platform: 'linux', arch, libc: 'glibc', napi: NAPI_VERSION, tested: arch === process.arch }, null, 2)}\n`);
    console.log(`caplint: prebuilt the enforcer addon for linux-${arch}${arch === process.arch ? '' : ' (cross-compiled, not loaded here)'}.`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.platform !== 'linux') throw new Error(`prebuilds are made on Linux; this is ${process.platform}`);
if (!nodeGyp()) throw new Error("npm's bundled node-gyp was not found");
rmSync(join(root, 'prebuilds'), { recursive: true, force: true });
for (const target of TARGETS) {
  if (target.arch === process.arch || has(target.cxx)) build(target);
  else console.log(`caplint: no linux-${target.arch} prebuild: ${target.cxx} is not installed (Debian: g++-${target.arch === 'arm64' ? 'aarch64' : 'x86-64'}-linux-gnu).`);
}

#!/usr/bin/env node
/**
 * Seccomp filter benchmark: caplint's compiler against libseccomp's default
 * (linear) and binary-tree (SCMP_FLTATR_CTL_OPTIMIZE=2) layouts, on Docker's
 * default profile and caplint's default profile, resolved as Docker does
 * for x86_64 with Docker's 14 capabilities: once for x86_64 alone (the
 * layout of the published libseccomp figures) and once with every
 * architecture the profile maps (x86_64 + i386 + x32 in one filter).
 *
 * Figures: program length; instructions executed for an x86_64 call (all
 * arguments 0), mean over every syscall number the tables know, and max;
 * compile time, as a ratio to a baseline measured in the same run
 * (JSON.parse of the profile text), so runs on other machines compare.
 *
 * Run after `npm run build`: node bench/seccomp.mjs [--json]
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { python, libseccompFilter } from './libseccomp.mjs';

const root = new URL('../', import.meta.url);
const load = (path) => import(new URL(`dist/${path}`, root).href);
const { compile } = await load('enforcer/bpf/compile.js');
const { emulator } = await load('enforcer/bpf/emulate.js');
const { decodeProgram } = await load('enforcer/bpf/types.js');
const { AUDIT_ARCH } = await load('engine/seccomp/types.js');
const { builtinProfile, profileSource, readProfile, resolveProfile } = await load('engine/seccomp/profile/index.js');

const MOBY = fileURLToPath(new URL('../shared/seccomp/moby-default.json', root));
const ROUNDS = 200;

function profiles() {
  const out = [['caplint default', builtinProfile('default')]];
  if (existsSync(MOBY)) out.unshift(["Docker's default", profileSource('moby-default.json', readFileSync(MOBY, 'utf8'))]);
  else console.log(`(Docker's default profile not found at ../shared/seccomp/moby-default.json: skipped)`);
  return out;
}

/** Instructions executed per x86_64 syscall number (arguments 0): mean and max. */
function cost(program, highest) {
  const run = emulator(program);
  let sum = 0, max = 0;
  for (let nr = 0; nr <= highest; nr++) {
    const { executed } = run({ arch: AUDIT_ARCH.x86_64, nr, args: [0n, 0n, 0n, 0n, 0n, 0n] });
    sum += executed;
    max = Math.max(max, executed);
  }
  return { length: program.length, mean: sum / (highest + 1), max };
}

function timed(fn) {
  const samples = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e3);
  }
  return samples.sort((a, b) => a - b)[samples.length >> 1];
}

/** libseccomp's program for the table and its median build time (µs). */
function libseccomp(table, optimize) {
  const { bytes, micros } = libseccompFilter(table, optimize);
  return { program: decodeProgram(bytes), micros };
}

const rows = [];
for (const [profileName, source] of profiles()) for (const scope of ['x86_64', 'all']) {
  const resolved = resolveProfile(readProfile(source), { arch: 'x86_64' });
  const table = scope === 'all' ? resolved : { ...resolved, arches: resolved.arches.slice(0, 1) };
  const name = `${profileName} (${table.arches.map((t) => t.arch).join('+')})`;
  const highest = table.arches[0].highestKnownNr;
  const text = JSON.stringify(source.document);
  const baseline = timed(() => JSON.parse(text));
  const micros = timed(() => compile(table));
  rows.push({ profile: name, compiler: 'caplint', ...cost(compile(table), highest), micros, ratio: micros / baseline });
  if (!python) continue;
  for (const [label, optimize] of [['libseccomp linear', 0], ['libseccomp tree', 2]]) {
    const lib = libseccomp(table, optimize);
    rows.push({ profile: name, compiler: label, ...cost(lib.program, highest), micros: lib.micros, ratio: lib.micros / baseline });
  }
}
if (!python) console.log('(python3-seccomp not installed: libseccomp rows skipped; apt-get install python3-seccomp)');

if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
else {
  console.log(`${'profile'.padEnd(38)}compiler            insns  mean/call  max/call  compile µs  ×baseline`);
  for (const r of rows)
    console.log(`${r.profile.padEnd(38)}${r.compiler.padEnd(20)}${String(r.length).padStart(5)}${r.mean.toFixed(2).padStart(11)}${String(r.max).padStart(10)}${r.micros.toFixed(0).padStart(12)}${r.ratio.toFixed(1).padStart(11)}`);
  console.log('baseline: JSON.parse of the profile text in the same run; libseccomp times are measured inside python (build + export).');
}

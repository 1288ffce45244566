#!/usr/bin/env node
/**
 * Make one V8 code cache of a bundle (dist/cli-run.cjs for NAME run, else
 * dist/cli.cjs): compile the bundle without a cache,
 * run the command lines of NAME once, silently, then ask V8 for everything it
 * compiled. Each cache is made in a process of its own, so it holds the
 * functions of its command lines and nothing else (bin/caplint.js picks the
 * cache by the command). Run by scripts/bundle.mjs: node scripts/code-cache.mjs NAME
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const example = join(root, 'examples/oci/runc-default/config.json');
const BASE = [['--version'], ['--help']];
const AUDIT = [['audit', example], ['audit', example, '--format', 'json']];
// A real launch when this machine allows one (as root, or partial without privileges); a refusal is warm-up too.
const RUN = [['run', '--dry-run', '--', '/bin/true'], ['run', '--allow-partial', '--', '/bin/true']];
const CACHES = { base: BASE, audit: AUDIT, run: RUN, all: [...BASE, ...AUDIT, ...RUN] };

const name = process.argv[2];
if (!Object.hasOwn(CACHES, name)) throw new Error(`code-cache.mjs: no cache named "${name}" (${Object.keys(CACHES).join(', ')})`);
const { loadCli } = createRequire(import.meta.url)(join(root, 'bin/caplint.js'));
// The bundle the cache is for (bin/caplint.js bundleName): dist/cli-run.cjs for run, dist/cli.cjs for the others.
const { cli, script } = loadCli(name === 'run' || name === 'audit' ? [name] : [], { cache: null });
// No HOME or XDG_CACHE_HOME: the warm-up writes nothing into the builder's cache.
const quiet = { argv0: 'caplint', cwd: root, env: { PATH: process.env.PATH, NO_COLOR: '1' }, stdoutIsTTY: false, stderrIsTTY: false, write() {}, error() {}, readStdin: async () => '' };
for (const argv of CACHES[name]) await cli.main(argv, quiet);
// The real process's Io too (its terminal checks, and its writers up to their first test): bin/ uses it every time.
const io = cli.processIo();
void [io.stdoutIsTTY, io.stderrIsTTY, io.stdoutColumns];
io.write('');
io.error('');
mkdirSync(join(root, 'dist/cache'), { recursive: true });
writeFileSync(join(root, 'dist/cache', `${name}.cache`), script.createCachedData());

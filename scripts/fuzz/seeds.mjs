/** Fuzz seeds from examples/ and the test fixtures, by input format, plus profiles and caplint.config.json. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

export const FORMATS = ['oci', 'kubernetes', 'compose', 'docker', 'profile', 'config'];

function walk(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (/\.(json|ya?ml)$/.test(entry.name)) out.push(path);
  }
  return out;
}

function formatOf(name, text) {
  if (name.endsWith('caplint.config.json')) return 'config';
  if (/"ociVersion"/.test(text)) return 'oci';
  if (/"HostConfig"/.test(text)) return 'docker';
  if (/^\s*(apiVersion:|"apiVersion")/m.test(text) && /kind/.test(text)) return 'kubernetes';
  if (/^services:|"services"/m.test(text)) return 'compose';
  if (/"(extends|capabilities|noNewPrivileges|rules)"/.test(text) && /profiles|policy/.test(name)) return 'profile';
  return undefined;
}

/** Seeds by format: { oci: [{ name, text, syntax }], ... }. */
export function loadSeeds(root) {
  const seeds = Object.fromEntries(FORMATS.map((f) => [f, []]));
  const files = [...walk(join(root, 'examples')), ...walk(join(root, 'test', 'fixtures')), ...readdirSync(join(root, 'profiles')).filter((n) => n.endsWith('.json')).map((n) => join(root, 'profiles', n))];
  for (const path of files) {
    const text = readFileSync(path, 'utf8');
    const name = relative(root, path);
    const format = path.startsWith(join(root, 'profiles')) ? 'profile' : formatOf(name, text);
    // Custom rule files are the rule host's to fuzz (and cost seconds to load): config seeds go without them.
    const seedText = format === 'config' ? text.replace(/^\s*"ruleFiles":.*\n/m, '') : text;
    if (format) seeds[format].push({ name, text: seedText, syntax: /\.ya?ml$/.test(path) ? 'yaml' : 'json', dir: dirname(path) });
  }
  return seeds;
}

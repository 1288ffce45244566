/** The built-in profiles are valid against profiles/schemas/profile.schema.json (run skips checking them). */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validate } from '../../engine/run/run-profile.js';
import { packagePath } from '../../engine/paths.js';
import { normaliseCapability } from '../../engine/linux/capabilities.js';

const builtIns = readdirSync(packagePath('profiles')).filter((f) => f.endsWith('.json'));

describe('built-in profiles', () => {
  it('exist: default and restricted', () => {
    expect(builtIns).toEqual(expect.arrayContaining(['default.json', 'restricted.json']));
  });

  it.each(builtIns)('%s is valid against the schema and names only real capabilities', (file) => {
    const value = JSON.parse(readFileSync(packagePath('profiles', file), 'utf8')) as { capabilities?: { allow: string[] } };
    const check = validate();
    expect(check(value), JSON.stringify(check.errors)).toBe(true);
    for (const cap of value.capabilities?.allow ?? []) expect(normaliseCapability(cap)).toBe(cap);
  });

  it('the schema rejects an unknown field', () => {
    expect(validate()({ capabilities: { allow: [] }, noNewPrivileges: true, seccomp: 'default', capabilites: {} })).toBe(false);
  });
});

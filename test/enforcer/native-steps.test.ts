/** The step numbers the C++ child reports match the names TypeScript gives them. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHILD_STEPS } from '../../enforcer/native-binding.js';

const header = readFileSync(fileURLToPath(new URL('../../enforcer/native/plan.h', import.meta.url)), 'utf8');

describe('child steps', () => {
  it('enum Step in plan.h and CHILD_STEPS agree, in the documented order', () => {
    const native = [...header.matchAll(/kStep(\w+) = (\d+),/g)].map((m) => [Number(m[2]), m[1]!.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()] as const);
    const aliases: Record<string, string> = { 'set-groups': 'setgroups', 'set-gid': 'setresgid', 'set-uid': 'setresuid', 'keep-caps': 'keep-caps' };
    expect(native.map(([n, name]) => [n, aliases[name] ?? name])).toEqual(Object.entries(CHILD_STEPS).map(([n, name]) => [Number(n), name]));
    expect(Object.values(CHILD_STEPS).indexOf('bounding-drop')).toBeLessThan(Object.values(CHILD_STEPS).indexOf('capset'));
    expect(Object.values(CHILD_STEPS).at(-2)).toBe('seccomp');
  });
});

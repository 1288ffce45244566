/**
 * caplint's OCI schema against the runtime-spec's own schema tests: every
 * Linux `good` config is accepted; the Linux `bad` ones are rejected with a
 * place. Skips visibly when the shared fixtures are absent.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import ociFormat from '../../engine/inputs/oci/format.js';
import { available, sharedPath } from '../helpers/skip.js';

const FIXTURES = sharedPath('fixtures/oci-runtime-spec');
const present = available('the OCI runtime-spec schema conformance tests', FIXTURES);

const load = (dir: string, name: string) => ociFormat.load({ file: name, text: readFileSync(join(FIXTURES, dir, name), 'utf8') });

describe.skipIf(!present)('OCI runtime-spec schema fixtures', () => {
  const good = present ? readdirSync(join(FIXTURES, 'good')).filter((f) => f.endsWith('.json')) : [];
  it.each(good)('accepts good/%s', (name) => {
    const result = load('good', name);
    expect(result.errors).toEqual([]);
    expect(result.subjects).toHaveLength(1);
  });

  it('treats non-Linux configs as other operating systems', () => {
    expect(load('good', 'freebsd-minimal.json').subjects[0]!.subject.os).toBe('other');
    expect(load('good', 'spec-example.json').subjects[0]!.subject.os).toBe('linux');
  });

  it.each([
    ['linux-hugepage.json', 'linux.resources.hugepageLimits[0].pageSize must match ^[1-9][0-9]*[KMG]B$', 11],
    ['linux-netdevice.json', 'linux.netDevices.eth0.name must be a string', 9],
    ['linux-rdma.json', 'linux.resources.rdma.mlx5_1.hcaHandles must be an integer', 10],
    ['invalid-json.json', 'not valid JSON: expected a property name in double quotes', 1],
  ])('rejects bad/%s with a placed sentence', (name, message, line) => {
    const result = load('bad', name);
    expect(result.subjects).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.message).toContain(message);
    expect(result.errors[0]!.line).toBe(line);
  });
});

/** ps --format json writes each process through SharedJson: byte for byte what JSON.stringify writes. */
import { describe, expect, it } from 'vitest';
import { SharedJson } from '../../engine/commands/subject-json.js';
import { scanProcesses } from '../../engine/inputs/proc/scan.js';
import { addProcess, fakeHost } from '../helpers/fake-proc.js';

describe('SharedJson', () => {
  it('writes scanned processes exactly as JSON.stringify does, shared parts included', () => {
    const fake = fakeHost();
    for (const pid of [10, 11, 12]) addProcess(fake, { pid, comm: pid === 12 ? 'we"ird\n' : 'sleep', cgroup: '0::/work\n' });
    const subjects = [...scanProcesses({ fs: fake, pids: [10, 11, 12] }).subjects, ...scanProcesses({ pids: [process.pid] }).subjects].map((s) => s.subject);
    expect(subjects.length).toBe(4);
    // The fake processes were read alike: they share their capability lists, which is what makes the cache pay.
    expect(subjects[0]!.capabilities).toBe(subjects[1]!.capabilities);
    const json = new SharedJson();
    for (const [i, s] of subjects.entries()) expect(json.subject(s, { group: `g${i}` })).toBe(JSON.stringify({ ...s, group: `g${i}` }));
  });

  it('drops undefined and function members, keeps null, and writes toJSON values and odd keys as JSON.stringify does', () => {
    const odd = { 'a"b': 1, skip: undefined, fn: () => 1, none: null, when: new Date(0), process: { inner: [undefined, 2], gone: undefined, 'k\u2028': 'v' } };
    const json = new SharedJson();
    expect(json.subject(odd, { group: null })).toBe(JSON.stringify({ ...odd, group: null }));
    expect(json.subject({ process: null, list: [1] }, {})).toBe(JSON.stringify({ process: null, list: [1] }));
    // An extra member that the subject has too takes its place, as in a spread; new ones follow, in their order.
    expect(json.subject({ a: 1, b: 2 }, { c: 3, a: 4, d: undefined })).toBe(JSON.stringify({ ...{ a: 1, b: 2 }, ...{ c: 3, a: 4, d: undefined } }));
    expect(json.subject({}, { group: 'g1' })).toBe('{"group":"g1"}');
  });
});

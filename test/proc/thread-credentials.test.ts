/** A real process whose second thread changed its uids with a raw syscall. */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caplint as runCli } from '../helpers/cli.js';
import type { Subject } from '../../engine/model/subject.js';

const dir = mkdtempSync(join(tmpdir(), 'caplint-thread-'));
const binary = join(dir, 'thread-uid');
const cc = process.getuid?.() !== 0 ? { status: 1, stderr: 'needs root to change a thread\'s uid' }
  : spawnSync('cc', ['-O1', '-pthread', '-o', binary, 'test/fixtures/proc/thread-setresuid.c'], { encoding: 'utf8' });
const skip = cc.status === 0 ? '' : `cannot build the fixture: ${String(cc.stderr ?? 'no C compiler').trim() || 'cc failed'}`;
if (skip) console.log(`thread credential test skipped: ${skip}`);

describe.skipIf(skip !== '')('threads whose credentials differ from the leader', () => {
  let child: ChildProcess | undefined;
  afterAll(() => child?.kill('SIGKILL'));

  it('are in the subject and reported by live/thread-credentials', async () => {
    child = spawn(binary, [], { stdio: ['ignore', 'pipe', 'ignore'] });
    const tid = await new Promise<number>((resolve) => child!.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))));
    const r = await runCli(['audit', '--pid', String(child.pid), '--format', 'json', '--fail-on', 'never']);
    const report = JSON.parse(r.stdout) as { subjects: Subject[]; findings: { ruleId: string; message: string }[] };
    expect(report.subjects[0]!.process!.threads).toEqual([{ tid, fields: ['Uid', 'CapPrm', 'CapEff'] }]);
    expect(report.findings.filter((f) => f.ruleId === 'live/thread-credentials').map((f) => f.message))
      .toEqual([`pid ${child.pid} (thread-uid) has thread ${tid} whose Uid, CapPrm, CapEff differ from its thread-group leader's.`]);
  });
});

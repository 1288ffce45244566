/** Start processes with known confinement and find the pid of the program they end up running. */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

export function haveTool(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

function comm(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return undefined;
  }
}

export function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) out.push(Number(name));
    } catch { /* gone */ }
  }
  return out;
}

export interface Started {
  readonly label: string;
  readonly child: ChildProcess;
  /** The pid running `program` (the child itself, or a descendant when the wrapper forks). */
  readonly pid: number;
}

/** Spawns argv and waits until `program` runs in it, in a child or in a grandchild. */
export async function startConfined(label: string, argv: readonly string[], program = 'sleep'): Promise<Started> {
  const child = spawn(argv[0]!, argv.slice(1), { stdio: 'ignore' });
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${label}: ${argv.join(' ')} exited with ${child.exitCode}`);
    const pid = child.pid!;
    if (comm(pid) === program) return { label, child, pid };
    // unshare --fork runs it as a child; caplint run with a pid namespace, as a child of its init.
    const kids = childrenOf(pid);
    const inner = [...kids, ...kids.flatMap(childrenOf)].find((c) => comm(c) === program);
    if (inner !== undefined) return { label, child, pid: inner };
    await new Promise((r) => setTimeout(r, 20));
  }
  child.kill('SIGKILL');
  throw new Error(`${label}: ${program} did not start`);
}

/** SIGTERM to a started caplint (which forwards it), waiting until it has exited; nothing when it already has. */
export async function stopStarted(started: Started | undefined): Promise<void> {
  const child = started?.child;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const done = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await done;
}

export function stopAll(started: readonly Started[]): void {
  for (const s of started) {
    try { process.kill(s.pid, 'SIGKILL'); } catch { /* already gone */ }
    s.child.kill('SIGKILL');
  }
}

export function output(command: string, args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

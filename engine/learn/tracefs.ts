/**
 * tracefs for one learning run, in a way that cannot leak (root only).
 *
 * A tracing instance is a kernel object that outlives the process that made
 * it (it holds per-CPU buffers), and a tracefs mount outlives it too; a
 * caplint killed with SIGKILL runs no clean-up. So caplint mounts nothing on
 * the host: a small holder process (util-linux `unshare --mount`, then sh)
 * gets a private mount namespace, mounts tracefs there at
 * /sys/kernel/tracing when it is not mounted already, and caplint reaches it
 * through /proc/HOLDER/root/sys/kernel/tracing. The mount exists only in that
 * namespace, which the kernel tears down when the holder exits.
 *
 * The holder is also the janitor: it runs in a session of its own (a signal
 * to caplint's process group does not reach it) and waits on a pipe from
 * caplint. When caplint closes it, at the end of the run or because it died,
 * the holder removes the run's instance if it is still there, and exits.
 * A holder killed as well leaves at most the instance, which the next
 * `learn` removes (sweepStaleInstances).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

export interface Tracefs {
  /** The tracefs root, through the holder's /proc/PID/root. */
  readonly root: string;
  /** True while the holder lives and has not been reaped (so its pid still names it). */
  held(): boolean;
  /** Ends the holder: it removes the instance if caplint could not, then exits with its mount. */
  release(): void;
}

const MOUNT = '/sys/kernel/tracing';

/** $1: the instance to remove once caplint's pipe closes (at most 5 s of retries while its last readers go). */
const HOLDER = `
t=${MOUNT}
mountpoint -q "$t" || mount -t tracefs -o nosuid,nodev,noexec tracefs "$t" || exit 3
echo ready
cat >/dev/null
i=0
while [ -d "$t/instances/$1" ] && [ $i -lt 50 ]; do
  echo 0 > "$t/instances/$1/events/capability/cap_capable/enable" 2>/dev/null
  rmdir "$t/instances/$1" 2>/dev/null || sleep 0.1
  i=$((i + 1))
done
`;

function ready(holder: ChildProcess): Promise<string | null> {
  return new Promise((resolve) => {
    let err = '';
    const timer = setTimeout(() => resolve('the tracefs holder did not start within 5 s'), 5000);
    holder.stderr!.on('data', (d: Buffer) => void (err += d.toString()));
    holder.stdout!.once('data', () => {
      clearTimeout(timer);
      resolve(null);
    });
    holder.once('error', (error) => {
      clearTimeout(timer);
      resolve(`the tracefs holder could not start (${error.message})`);
    });
    holder.once('exit', (code) => {
      clearTimeout(timer);
      resolve(`mounting tracefs in a private mount namespace failed (${err.trim() || `exit ${code}`})`);
    });
  });
}

/** tracefs for a run whose instance will be `instance`, or the reason it cannot be had. */
export async function openTracefs(instance: string): Promise<Tracefs | string> {
  const holder = spawn('unshare', ['--mount', '--propagation', 'private', '--', 'sh', '-c', HOLDER, 'caplint-tracefs', instance], {
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const failed = await ready(holder);
  if (failed !== null) {
    if (holder.exitCode === null) holder.kill('SIGKILL');
    return failed;
  }
  holder.stdout!.destroy();
  holder.stderr!.destroy();
  holder.unref();
  (holder.stdin as unknown as { unref?: () => void }).unref?.();
  return {
    root: `/proc/${holder.pid}/root${MOUNT}`,
    held: () => holder.exitCode === null && holder.signalCode === null,
    release: () => void holder.stdin!.end(),
  };
}

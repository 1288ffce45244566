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
 * the holder removes the run's instance if it is still there, and exits. A
 * holder killed during the run is replaced at release by a janitor that
 * only removes the instance; one killed together with caplint leaves at
 * most the instance, which the next `learn` removes (sweepStaleInstances).
 *
 * The learned command cannot use the holder's root: reading another
 * process's /proc/PID/root needs, besides the same uid, a permitted set that
 * covers the target's (or CAP_SYS_PTRACE), and the command's is the base's
 * while the holder keeps root's. Under a pid namespace it does not even see
 * the holder.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { alive } from '../run/cgroup/launch-cgroup.js';

export interface Tracefs {
  /** The tracefs root, through the holder's /proc/PID/root. */
  readonly root: string;
  /** True while the holder runs (not a zombie, not reaped: its pid still names it). */
  held(): boolean;
  /**
   * Ends the holder, which exits with its mount. `removed`: caplint removed
   * the instance itself; if not, the holder and a janitor started beside
   * it (the holder may have been killed) remove it.
   */
  release(removed: boolean): void;
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

function spawnHolder(instance: string, stdio: 'pipe' | 'ignore'): ChildProcess {
  return spawn('unshare', ['--mount', '--propagation', 'private', '--', 'sh', '-c', HOLDER, 'caplint-tracefs', instance], { detached: true, stdio });
}

/** tracefs for a run whose instance will be `instance`, or the reason it cannot be had. */
export async function openTracefs(instance: string): Promise<Tracefs | string> {
  const holder = spawnHolder(instance, 'pipe');
  const failed = await ready(holder);
  if (failed !== null) {
    if (holder.exitCode === null) holder.kill('SIGKILL');
    return failed;
  }
  holder.stdin!.on('error', () => {}); // EPIPE once the holder is gone
  holder.stdout!.destroy();
  holder.stderr!.destroy();
  holder.unref();
  (holder.stdin as unknown as { unref?: () => void }).unref?.();
  // Node learns of the holder's death a moment after it: its /proc entry is looked at too.
  const held = () => holder.exitCode === null && holder.signalCode === null && alive(holder.pid!);
  return {
    root: `/proc/${holder.pid}/root${MOUNT}`,
    held,
    release(removed) {
      holder.stdin!.end();
      if (removed) return;
      // The holder removes it too, if it still runs; if it was killed (a command that shares caplint's
      // pid namespace can kill it), this janitor does.
      const janitor = spawnHolder(instance, 'ignore');
      janitor.on('error', () => {}); // unshare gone since: the next learn's sweep removes the instance
      janitor.unref();
    },
  };
}

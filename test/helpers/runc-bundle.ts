/**
 * A real runc container from a throw-away bundle (busybox-static as the
 * root filesystem, `runc spec` as the config), started detached, and removed
 * with its bundle. Needs root, runc and a static busybox.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { haveTool } from './processes.js';

const BUSYBOX = ['/bin/busybox', '/usr/bin/busybox'].find((p) => existsSync(p));

/** Why runc containers cannot be made here, or undefined when they can. */
export function runcUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'runc containers need root';
  if (!haveTool('runc')) return 'runc is not installed';
  if (!BUSYBOX) return 'busybox-static is not installed';
  return undefined;
}

export interface RuncContainer {
  readonly id: string;
  readonly bundle: string;
  readonly config: string;
  readonly pid: number;
  /** The cgroup path runc gave it (cgroupfs driver: /ID). */
  readonly cgroup: string;
  remove(): void;
}

/** Starts `sleep 600` in a new container; `edit` may change the config before the start. */
export function startRunc(id: string, edit: (config: Record<string, any>) => void = () => {}): RuncContainer {
  const bundle = mkdtempSync(join(tmpdir(), `caplint-runc-${id}-`));
  const remove = () => {
    spawnSync('runc', ['delete', '--force', id], { stdio: 'ignore' });
    rmSync(bundle, { recursive: true, force: true });
  };
  try {
    mkdirSync(join(bundle, 'rootfs/bin'), { recursive: true });
    copyFileSync(BUSYBOX!, join(bundle, 'rootfs/bin/busybox'));
    for (const tool of ['sh', 'sleep']) symlinkSync('busybox', join(bundle, 'rootfs/bin', tool));
    execFileSync('runc', ['spec'], { cwd: bundle, stdio: 'ignore' });
    const config = JSON.parse(readFileSync(join(bundle, 'config.json'), 'utf8'));
    config.process.terminal = false;
    config.process.args = ['/bin/sleep', '600'];
    edit(config);
    writeFileSync(join(bundle, 'config.json'), JSON.stringify(config, null, 2));
    execFileSync('runc', ['run', '--detach', '--bundle', bundle, id], { stdio: 'ignore', timeout: 20_000 });
    const state = JSON.parse(execFileSync('runc', ['state', id], { encoding: 'utf8' }));
    return { id, bundle, config: join(bundle, 'config.json'), pid: state.pid, cgroup: `/${id}`, remove };
  } catch (error) {
    remove();
    throw error;
  }
}

/**
 * What container runtimes keep on the host about their containers, where it
 * can be read: runc's (and crun's) state directories, which name each
 * container's init process and bundle, under the roots runc, containerd and
 * Docker give it; the bundle directories containerd, CRI-O and Podman keep
 * without runc state; Docker's config.v2.json for container names.
 * Everything here is optional: what cannot be read is simply not known.
 */
import type { ContainerRuntime } from '../../model/container.js';
import type { ProcFs } from './proc-fs.js';

export interface RuntimeContainer {
  readonly runtime: ContainerRuntime;
  readonly id: string;
  readonly initPid?: number;
  /** The init process's start time (clock ticks), to tell a reused pid. */
  readonly initStart?: string;
  readonly bundle?: string;
}

/** State roots: runc's own, containerd's per namespace, Docker's per daemon, crun's. */
const STATE_ROOTS: readonly { readonly dir: string; readonly nested: boolean; readonly runtime: ContainerRuntime }[] = [
  { dir: '/run/runc', nested: false, runtime: 'runc' },
  { dir: '/run/crun', nested: false, runtime: 'crun' },
  { dir: '/run/containerd/runc', nested: true, runtime: 'containerd' },
  { dir: '/run/docker/runtime-runc', nested: true, runtime: 'docker' },
];

/** Bundle directories by container id, for runtimes whose runc state was not found. */
const BUNDLE_DIRS: readonly ((id: string) => string)[] = [
  (id) => `/run/containers/storage/overlay-containers/${id}/userdata`,
  (id) => `/var/lib/containers/storage/overlay-containers/${id}/userdata`,
];
const CONTAINERD_TASKS = '/run/containerd/io.containerd.runtime.v2.task';

function list(fs: ProcFs, dir: string): string[] {
  try {
    return fs.list(dir);
  } catch {
    return [];
  }
}

function readJson(fs: ProcFs, path: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(fs.read(path));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
  } catch {
    return undefined;
  }
}

export function readRuntimeStates(fs: ProcFs): RuntimeContainer[] {
  const found: RuntimeContainer[] = [];
  for (const root of STATE_ROOTS) {
    const dirs = root.nested ? list(fs, root.dir).map((ns) => `${root.dir}/${ns}`) : [root.dir];
    for (const dir of dirs) {
      for (const id of list(fs, dir)) {
        const state = readJson(fs, `${dir}/${id}/state.json`) ?? readJson(fs, `${dir}/${id}/status`);
        if (state) found.push(fromState(root.runtime, id, state));
      }
    }
  }
  return found;
}

function fromState(runtime: ContainerRuntime, id: string, state: Record<string, unknown>): RuntimeContainer {
  const pid = state.init_process_pid ?? state.pid;
  const start = state.init_process_start;
  const labels = (state.config as { labels?: unknown } | undefined)?.labels;
  const label = Array.isArray(labels) ? labels.find((l): l is string => typeof l === 'string' && l.startsWith('bundle=')) : undefined;
  const bundle = label?.slice('bundle='.length) ?? (typeof state.bundle === 'string' ? state.bundle : undefined);
  return {
    runtime,
    id: typeof state.id === 'string' ? state.id : id,
    ...(Number.isSafeInteger(pid) && (pid as number) > 0 ? { initPid: pid as number } : {}),
    ...(typeof start === 'number' || typeof start === 'string' ? { initStart: String(start) } : {}),
    ...(bundle ? { bundle } : {}),
  };
}

/** A bundle directory for a container id from the directories containerd, CRI-O and Podman keep. */
export function findBundle(fs: ProcFs, id: string): string | undefined {
  for (const ns of list(fs, CONTAINERD_TASKS)) {
    const dir = `${CONTAINERD_TASKS}/${ns}/${id}`;
    if (exists(fs, `${dir}/config.json`)) return dir;
  }
  return BUNDLE_DIRS.map((f) => f(id)).find((dir) => exists(fs, `${dir}/config.json`));
}

export function exists(fs: ProcFs, path: string): boolean {
  try {
    fs.id(path);
    return true;
  } catch {
    return false;
  }
}

/** Names a runtime keeps: Docker's container name, the Kubernetes names in a bundle's annotations. */
export function runtimeNames(fs: ProcFs, id: string, config: string | undefined): { name?: string; podName?: string; podNamespace?: string } {
  const docker = readJson(fs, `/var/lib/docker/containers/${id}/config.v2.json`);
  if (typeof docker?.Name === 'string') return { name: docker.Name.replace(/^\//, '') };
  const annotations = config === undefined ? undefined : readJson(fs, config)?.annotations as Record<string, unknown> | undefined;
  if (!annotations) return {};
  const pick = (...keys: string[]) => keys.map((k) => annotations[k]).find((v): v is string => typeof v === 'string');
  const name = pick('io.kubernetes.cri.container-name', 'io.kubernetes.container.name');
  const podName = pick('io.kubernetes.cri.sandbox-name', 'io.kubernetes.pod.name');
  const podNamespace = pick('io.kubernetes.cri.sandbox-namespace', 'io.kubernetes.pod.namespace');
  return { ...(name ? { name } : {}), ...(podName ? { podName } : {}), ...(podNamespace ? { podNamespace } : {}) };
}

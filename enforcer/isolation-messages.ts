/** What a failed namespace or cgroup step was doing, for step-messages.ts. */
import { ISOLATION_STEPS } from './native-binding.js';
import type { LaunchPlan } from './launch-plan.js';

export type IsolationStep = (typeof ISOLATION_STEPS)[keyof typeof ISOLATION_STEPS];

const ID_FILES = ['setgroups', 'uid_map', 'gid_map'];

export const SIGSYS_BEFORE_EXEC = (file: string): string =>
  `the seccomp filter killed the child with SIGSYS before ${file} could start (its execve, or a call before it, is not allowed)`;

export function isIsolationStep(step: string): step is IsolationStep {
  return (Object.values(ISOLATION_STEPS) as string[]).includes(step);
}

export function isolationStepText(step: IsolationStep, detail: number, plan: LaunchPlan): string {
  const iso = plan.isolation;
  const kinds = iso?.namespaces.filter((k) => k !== 'cgroup').join(', ') ?? '';
  switch (step) {
    case 'namespaces': return `could not create the ${kinds} namespaces (clone CLONE_NEW*)`;
    case 'id-map': return `could not write the user namespace's ${ID_FILES[detail] ?? 'id maps'} (/proc/PID/${ID_FILES[detail] ?? 'uid_map'})`;
    case 'wait-parent': return 'the child lost its parent before the id maps were written';
    case 'cgroup-join': return `could not join the cgroup (${iso?.cgroupProcs[detail] ?? (iso?.cgroupDir ? `${iso.cgroupDir}/cgroup.procs` : 'cgroup.procs')})`;
    case 'cgroup-namespace': return 'could not create the cgroup namespace (unshare CLONE_NEWCGROUP)';
    case 'mount-private': return 'could not make the mounts private (mount / MS_REC|MS_PRIVATE)';
    case 'mount-proc': return 'could not mount a fresh /proc (mount proc)';
    case 'read-only-root': return 'could not remount / read-only (mount MS_REMOUNT|MS_BIND|MS_RDONLY)';
    case 'mask-path': {
      const masked = iso?.maskedPaths.filter((m) => !m.directory).concat(iso.maskedPaths.filter((m) => m.directory))[detail];
      return `could not mask ${masked?.path ?? 'a path'} (${masked?.directory ? 'mount tmpfs' : 'bind /dev/null'})`;
    }
    case 'read-only-path': return `could not make ${iso?.readonlyPaths[detail] ?? 'a path'} read-only (bind it onto itself, remount MS_RDONLY)`;
    case 'loopback': return 'could not bring lo up in the new network namespace (SIOCSIFFLAGS)';
    case 'hostname': return `could not set the hostname (sethostname ${iso?.hostname ?? ''})`;
    case 'init': return 'could not start the command under the pid namespace init';
    case 'killed-before-exec': return SIGSYS_BEFORE_EXEC(plan.file);
  }
}

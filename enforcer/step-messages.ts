/** One sentence for a child step that failed, naming the step and the errno. */
import { constants } from 'node:os';
import { capabilityName } from '../engine/linux/capabilities.js';
import { CHILD_STEPS, ISOLATION_STEPS } from './native-binding.js';
import { isIsolationStep, isolationStepText } from './isolation-messages.js';
import type { ChildStep, NativeLaunchResult } from './native-binding.js';
import type { LaunchPlan } from './launch-plan.js';

const MESSAGES: Readonly<Record<string, string>> = {
  EPERM: 'Operation not permitted', ENOENT: 'No such file or directory', ESRCH: 'No such process',
  E2BIG: 'Argument list too long', ENOEXEC: 'Exec format error', ENOMEM: 'Cannot allocate memory',
  EACCES: 'Permission denied', EFAULT: 'Bad address', EBUSY: 'Device or resource busy',
  ENOTDIR: 'Not a directory', EISDIR: 'Is a directory', EINVAL: 'Invalid argument', ETXTBSY: 'Text file busy',
  ENAMETOOLONG: 'File name too long', ENOSYS: 'Function not implemented', ELOOP: 'Too many levels of symbolic links',
  EMFILE: 'Too many open files', EAGAIN: 'Resource temporarily unavailable',
};

export function errnoName(errno: number): string {
  for (const [name, value] of Object.entries(constants.errno)) if (value === errno) return name;
  return `errno ${errno}`;
}

export function errnoMessage(errno: number): string {
  const name = errnoName(errno);
  return MESSAGES[name] ?? name;
}

export function stepName(step: number): ChildStep | 'unknown' {
  return (CHILD_STEPS as Record<number, ChildStep>)[step] ?? (ISOLATION_STEPS as Record<number, ChildStep>)[step] ?? 'unknown';
}

function what(step: ChildStep | 'unknown', detail: number, plan: LaunchPlan): string {
  if (isIsolationStep(step)) return isolationStepText(step, detail, plan);
  const cap = detail >= 0 ? ` ${capabilityName(detail)}` : '';
  switch (step) {
    case 'signals': return 'could not reset signal handling (rt_sigprocmask)';
    case 'descriptors': return 'could not close inherited descriptors (close_range)';
    case 'stdio': return 'could not give the child blocking standard descriptors (fcntl O_NONBLOCK, /dev/null for a closed one)';
    case 'parent-death': return 'could not tie the child to caplint (PR_SET_PDEATHSIG SIGKILL; caplint may have died)';
    case 'bounding-drop': return `could not drop the capability bounding set (PR_CAPBSET_DROP${cap})`;
    case 'keep-caps': return 'could not keep capabilities across the user change (PR_SET_KEEPCAPS)';
    case 'setgroups': return 'could not clear the supplementary groups (setgroups)';
    case 'setresgid': return `could not set the group id (setresgid ${plan.user?.gid})`;
    case 'setresuid': return `could not set the user id (setresuid ${plan.user?.uid})`;
    case 'capset': return 'could not set the capability sets (capset)';
    case 'ambient-clear': return 'could not clear the ambient capabilities (PR_CAP_AMBIENT_CLEAR_ALL)';
    case 'ambient-raise': return `could not raise an ambient capability (PR_CAP_AMBIENT_RAISE${cap})`;
    case 'chdir': return `could not change to the working directory (chdir ${plan.cwd})`;
    case 'no-new-privs': return 'could not set no_new_privs (PR_SET_NO_NEW_PRIVS)';
    case 'seccomp': return 'could not attach the seccomp filter (seccomp SECCOMP_SET_MODE_FILTER)';
    case 'exec': return `could not execute ${plan.file} (execve)`;
    case 'unknown': return 'failed at an unknown step';
  }
}

/** `could not drop ... (PR_CAPBSET_DROP CAP_SYS_ADMIN): Operation not permitted` */
export function describeFailure(result: Pick<NativeLaunchResult, 'step' | 'errno' | 'detail'>, plan: LaunchPlan): string {
  return `${what(stepName(result.step), result.detail, plan)}: ${errnoMessage(result.errno)}`;
}

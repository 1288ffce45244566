/**
 * SCMP_ACT_* names to actions, as runc converts them
 * (libcontainer/seccomp/seccomp_linux.go, getAction): SCMP_ACT_KILL is
 * KILL_THREAD; ERRNO and TRACE take `errnoRet` (for the default action,
 * `defaultErrnoRet`) and fall back to EPERM when it is absent.
 */
import type { Action } from '../types.js';
import type { SeccompProfileSource } from '../../model/subject.js';
import { hint } from '../../linux/suggest.js';
import { errorAt, describe } from './place.js';

const EPERM = 1;

export const ACTION_NAMES = [
  'SCMP_ACT_KILL', 'SCMP_ACT_KILL_PROCESS', 'SCMP_ACT_KILL_THREAD', 'SCMP_ACT_TRAP', 'SCMP_ACT_ERRNO',
  'SCMP_ACT_TRACE', 'SCMP_ACT_ALLOW', 'SCMP_ACT_LOG', 'SCMP_ACT_NOTIFY',
] as const;

export function readAction(
  source: SeccompProfileSource, pointer: string, name: unknown, errnoPointer: string, errnoRet: unknown,
): Action {
  if (typeof name !== 'string') throw errorAt(source, pointer, `the action must be a string such as "SCMP_ACT_ERRNO", not ${describe(name)}`);
  const data = (): number => {
    if (errnoRet === undefined || errnoRet === null) return EPERM;
    if (typeof errnoRet !== 'number' || !Number.isInteger(errnoRet) || errnoRet < 0 || errnoRet > 0xffff) {
      throw errorAt(source, errnoPointer, `the errno must be an integer from 0 to 65535, not ${describe(errnoRet)}`);
    }
    return errnoRet;
  };
  switch (name) {
    case 'SCMP_ACT_KILL': case 'SCMP_ACT_KILL_THREAD': return { kind: 'kill_thread' };
    case 'SCMP_ACT_KILL_PROCESS': return { kind: 'kill_process' };
    case 'SCMP_ACT_TRAP': return { kind: 'trap' };
    case 'SCMP_ACT_ERRNO': return { kind: 'errno', errno: data() };
    case 'SCMP_ACT_TRACE': return { kind: 'trace', data: data() };
    case 'SCMP_ACT_ALLOW': return { kind: 'allow' };
    case 'SCMP_ACT_LOG': return { kind: 'log' };
    case 'SCMP_ACT_NOTIFY': return { kind: 'notify' };
    default: throw errorAt(source, pointer, `"${name}" is not a seccomp action${hint(name, ACTION_NAMES)}`);
  }
}

/** Same action and same errno/trace data: runc compares libseccomp actions, which carry the data. */
export function sameAction(a: Action, b: Action): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'errno' && b.kind === 'errno') return a.errno === b.errno;
  if (a.kind === 'trace' && b.kind === 'trace') return a.data === b.data;
  return true;
}

export function describeAction(action: Action): string {
  switch (action.kind) {
    case 'errno': return `errno ${action.errno}`;
    case 'trace': return `trace ${action.data}`;
    default: return action.kind.replace('_', ' ');
  }
}

/**
 * The enforcer facade: validates a plan, hands it to the native binding and
 * turns what comes back into outcomes the CLI can print. The binding comes
 * from a factory so tests can inject a fake.
 */
import { closeSync } from 'node:fs';
import { constants } from 'node:os';
import { commandPid } from './command-pid.js';
import { loadBinding } from './load-binding.js';
import { toNativePlan } from './launch-plan.js';
import type { LaunchPlan } from './launch-plan.js';
import type { ChildStep, NativeBinding, NativeFilterDump, NativeLaunchResult } from './native-binding.js';
import { describeFailure, errnoName, stepName } from './step-messages.js';

export interface ChildExit {
  readonly code: number | null;
  readonly signal: number | null;
  /** The code, or 128+N for signal N. */
  readonly exitCode: number;
  /** Killed by SIGSYS before its program ran (the filter stopped its execve): a confinement failure, not the program's exit. */
  readonly beforeExec: boolean;
}

export interface RunningChild {
  /** The command (with a pid namespace, the init's child, as caplint sees it). */
  readonly pid: number;
  /** With a pid namespace, caplint's own child: the namespace's init; else null. */
  readonly initPid: number | null;
  /**
   * With a pid namespace, lets the init reap the command once it exits (until
   * then its /proc entries stay readable for verification). Done after a
   * second anyway; idempotent.
   */
  release(): void;
  /** Settles once; the child is reaped by then. */
  readonly exited: Promise<ChildExit>;
  /** Sends a signal while the child lives; false once it has exited. */
  signal(signal: NodeJS.Signals | number): boolean;
  /** Created in the plan's cgroup2 directory by clone3 CLONE_INTO_CGROUP (false: joined with a write, or none planned). */
  readonly intoCgroup?: boolean;
}

export type LaunchOutcome =
  | { readonly kind: 'started'; readonly child: RunningChild }
  | {
      readonly kind: 'failed';
      readonly step: ChildStep | 'unknown';
      readonly errno: number;
      readonly errnoName: string;
      /** `could not ... (CALL detail): strerror` */
      readonly message: string;
      /** 125 confinement failed, 126 not executable, 127 not found. */
      readonly exitCode: 125 | 126 | 127;
    };

export interface Enforcer {
  launch(plan: LaunchPlan): LaunchOutcome;
  /** The filters of pid; a target that does not stop within timeoutMs is detached and reported timedOut. */
  dumpSeccompFilters(pid: number, timeoutMs?: number): NativeFilterDump;
}

/** How long a scan waits for one target to stop for its filter dump. */
export const DUMP_TIMEOUT_MS = 250;

export function exitCodeOf(exit: { code: number | null; signal: number | null }): number {
  return exit.signal !== null ? 128 + exit.signal : (exit.code ?? 1);
}

function signalNumber(signal: NodeJS.Signals | number): number {
  if (typeof signal === 'number') return signal;
  const n = constants.signals[signal];
  if (n === undefined) throw new RangeError(`unknown signal ${signal}`);
  return n;
}

/** What launch() (or learn()) returned, as an outcome: the child waited for, or the failed step. */
export function outcomeOf(native: NativeBinding, result: NativeLaunchResult, plan: LaunchPlan): LaunchOutcome {
  if (!result.started) {
    const step = stepName(result.step);
    const notFound = result.errno === constants.errno.ENOENT || result.errno === constants.errno.ENOTDIR;
    const exitCode = step === 'exec' ? (notFound ? 127 : 126) : 125;
    return { kind: 'failed', step, errno: result.errno, errnoName: errnoName(result.errno), message: describeFailure(result, plan), exitCode };
  }
  // The native side also refuses a pidfd it has closed; `live` just spares the call.
  let live = true;
  let hold = result.holdFd ?? -1;
  const release = (): void => {
    if (hold >= 0) closeSync(hold);
    hold = -1;
  };
  if (hold >= 0) setTimeout(release, 1000).unref(); // a caller that never verifies must not keep the init waiting
  const nsPid = result.nsPid ?? 0;
  const exited = native
    .waitExit(result.pidfd)
    .then((exit) => ({ ...exit, beforeExec: exit.beforeExec === true, exitCode: exitCodeOf(exit) }))
    .finally(() => void (live = false));
  return {
    kind: 'started',
    child: {
      pid: nsPid > 0 ? (commandPid(result.pid, nsPid) ?? result.pid) : result.pid,
      initPid: nsPid > 0 ? result.pid : null,
      release,
      exited,
      signal: (signal) => live && native.signal(result.pidfd, signalNumber(signal)),
      intoCgroup: result.intoCgroup === true,
    },
  };
}

export function createEnforcer(factory: () => NativeBinding = loadBinding): Enforcer {
  let binding: NativeBinding | undefined;
  const native = (): NativeBinding => (binding ??= factory());
  return {
    launch(plan) {
      return outcomeOf(native(), native().launch(toNativePlan(plan)), plan);
    },
    dumpSeccompFilters(pid, timeoutMs = DUMP_TIMEOUT_MS) {
      if (!Number.isInteger(pid) || pid <= 0) throw new RangeError(`not a process id: ${pid}`);
      return native().dumpSeccompFilters(pid, timeoutMs);
    },
  };
}

/**
 * Launch, verify the child's /proc/PID/status (and, when isolated, its
 * namespaces and cgroups) against the plan, forward signals while it runs,
 * and return its exit code. A child that does not match the plan is killed
 * at once: exit 125. A launch cgroup is created just before and removed
 * after, whatever happens in between.
 */
import type { Io } from '../cli/io.js';
import type { Enforcer, RunningChild } from '../../enforcer/launcher.js';
import type { LaunchPlan } from '../../enforcer/launch-plan.js';
import { readStatus } from '../../enforcer/proc-status.js';
import type { ConfinementStatus } from '../../enforcer/proc-status.js';
import { expectedStatus, verifyStatus } from '../../enforcer/verify.js';
import { readFileSync } from 'node:fs';
import { describeError } from '../errors.js';
import { SIGSYS_BEFORE_EXEC } from '../../enforcer/isolation-messages.js';
import { createLaunchCgroup } from './cgroup/launch-cgroup.js';
import type { LaunchCgroup } from './cgroup/launch-cgroup.js';
import type { CgroupPlace } from './cgroup/cgroup-places.js';
import { forwardSignals } from './forward-signals.js';
import type { SignalSource } from './forward-signals.js';
import type { CgroupLimits } from './isolation-intent.js';
import { limitReport } from './limit-report.js';
import { verifyIsolation } from './verify-isolation.js';

export interface WaitOptions {
  readonly signals: SignalSource;
  /** caplint's stdin is a terminal: Ctrl-C reaches the child without forwarding. */
  readonly terminal: boolean;
  /** Where and what to limit (engine/run/decide-isolation.ts); none when absent. */
  readonly cgroup?: { readonly places: readonly CgroupPlace[]; readonly limits: CgroupLimits };
}

function problemsOf(child: RunningChild, plan: LaunchPlan, own: ConfinementStatus, cgroup: LaunchCgroup | null): string[] {
  const { pid } = child;
  try {
    const problems = verifyStatus(readStatus(pid), expectedStatus(plan, own), plan.lastCap);
    return plan.isolation ? [...problems, ...verifyIsolation(pid, plan.isolation, cgroup, child.initPid)] : problems;
  } catch (error) {
    return [`could not read /proc/${pid}: ${error instanceof Error ? error.message : String(error)}`];
  }
}

/**
 * The pipe reports the exec (and a vfork parent resumes) when the new image
 * is mapped, a moment before the kernel commits the credentials exec
 * computes: a status read in between still shows the sets from before.
 * A mismatch is therefore looked at again for up to 100 ms before it counts.
 */
async function settledProblems(child: RunningChild, plan: LaunchPlan, own: ConfinementStatus, cgroup: LaunchCgroup | null): Promise<string[]> {
  let problems = problemsOf(child, plan, own, cgroup);
  for (let i = 0; i < 20 && problems.length > 0; i++) {
    await new Promise((r) => setTimeout(r, 5));
    problems = problemsOf(child, plan, own, cgroup);
  }
  return problems;
}

/** The name the child carries from its seccomp step until execve (enforcer/native/child-guard.h). */
const PRE_EXEC_COMM = 'caplint-preexec';

/**
 * Under a pid namespace init the command is not caplint's child, so the
 * addon's own check (a child dead of SIGSYS under its pre-exec name) cannot
 * see it: this looks at the command, held unreaped by the init, until it has
 * either a name of its own (it exec'd) or died under the pre-exec name.
 */
async function diedBeforeExec(pid: number): Promise<boolean> {
  for (let i = 0; i < 40; i++) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      return false;
    }
    const m = /^\d+ \((.*)\) (\S)/s.exec(stat);
    if (!m || m[1] !== PRE_EXEC_COMM) return false;
    if (m[2] === 'Z' || m[2] === 'X') return true;
    await new Promise((r) => setTimeout(r, 5));
  }
  return false;
}

/** `own`: what the child holds before its capability steps (in a new user namespace, not caplint's own sets). */
export async function launchAndWait(enforcer: Enforcer, plan: LaunchPlan, own: ConfinementStatus, io: Io, options: WaitOptions): Promise<number> {
  const forwarder = forwardSignals(options.signals, { terminal: options.terminal });
  let cgroup: LaunchCgroup | null = null;
  try {
    if (options.cgroup?.places.length) {
      try {
        cgroup = createLaunchCgroup(options.cgroup.places, options.cgroup.limits);
      } catch (error) {
        io.error(`caplint run: ${describeError(error)}; nothing was run\n`);
        return 125;
      }
      plan = { ...plan, isolation: { ...plan.isolation!, cgroupProcs: cgroup.procsFiles, cgroupDir: cgroup.v2Dir } };
    }
    const outcome = enforcer.launch(plan);
    if (outcome.kind === 'failed') {
      io.error(`caplint run: ${outcome.message}; ${outcome.exitCode === 125 ? 'nothing was run' : 'the command did not start'}\n`);
      return outcome.exitCode;
    }
    const { child } = outcome;
    forwarder.attach(child);
    // The command is not reaped before `exited` settles (nor, under a pid namespace init, before release()).
    if (child.initPid !== null && (await diedBeforeExec(child.pid))) {
      child.release();
      await child.exited;
      io.error(`caplint run: ${SIGSYS_BEFORE_EXEC(plan.file)}; nothing was run\n`);
      return 125;
    }
    const problems = await settledProblems(child, plan, own, cgroup);
    child.release();
    if (problems.length > 0) {
      child.signal('SIGKILL');
      for (const problem of problems) io.error(`caplint run: pid ${child.pid} does not match the plan: ${problem}\n`);
      io.error('caplint run: the command was killed\n');
      await child.exited;
      return 125;
    }
    const exit = await child.exited;
    if (exit.beforeExec) {
      io.error(`caplint run: ${SIGSYS_BEFORE_EXEC(plan.file)}; nothing was run\n`);
      return 125;
    }
    if (cgroup) for (const line of limitReport(cgroup.events(), options.cgroup!.limits, cgroup.cgroups)) io.error(`caplint run: ${line}\n`);
    return exit.exitCode;
  } finally {
    forwarder.stop();
    for (const left of (await cgroup?.remove()) ?? []) io.error(`caplint run: could not remove the launch's cgroup ${left}\n`);
  }
}

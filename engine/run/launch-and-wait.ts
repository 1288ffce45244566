/**
 * Launch, verify the child's /proc/PID/status against the plan, forward
 * signals while it runs, and return its exit code. A child whose status does
 * not match the plan is killed at once: exit 125.
 */
import type { Io } from '../cli/io.js';
import type { Enforcer } from '../../enforcer/launcher.js';
import type { LaunchPlan } from '../../enforcer/launch-plan.js';
import { readStatus } from '../../enforcer/proc-status.js';
import type { ConfinementStatus } from '../../enforcer/proc-status.js';
import { expectedStatus, verifyStatus } from '../../enforcer/verify.js';
import { forwardSignals } from './forward-signals.js';
import type { SignalSource } from './forward-signals.js';

export interface WaitOptions {
  readonly signals: SignalSource;
  /** caplint's stdin is a terminal: Ctrl-C reaches the child without forwarding. */
  readonly terminal: boolean;
}

export async function launchAndWait(enforcer: Enforcer, plan: LaunchPlan, own: ConfinementStatus, io: Io, options: WaitOptions): Promise<number> {
  const forwarder = forwardSignals(options.signals, { terminal: options.terminal });
  try {
    const outcome = enforcer.launch(plan);
    if (outcome.kind === 'failed') {
      io.error(`caplint run: ${outcome.message}; ${outcome.exitCode === 125 ? 'nothing was run' : 'the command did not start'}\n`);
      return outcome.exitCode;
    }
    const { child } = outcome;
    forwarder.attach(child);
    // The child is not reaped before `exited` settles, so its status stays readable even if it has already exited.
    let problems: string[];
    try {
      problems = verifyStatus(readStatus(child.pid), expectedStatus(plan, own), plan.lastCap);
    } catch (error) {
      problems = [`could not read /proc/${child.pid}/status: ${error instanceof Error ? error.message : String(error)}`];
    }
    if (problems.length > 0) {
      child.signal('SIGKILL');
      for (const problem of problems) io.error(`caplint run: pid ${child.pid} does not match the plan: ${problem}\n`);
      io.error('caplint run: the command was killed\n');
      await child.exited;
      return 125;
    }
    const exit = await child.exited;
    if (exit.beforeExec) {
      io.error(`caplint run: the seccomp filter killed the child with SIGSYS before ${plan.file} could start (its execve, or a call before it, is not allowed); nothing was run\n`);
      return 125;
    }
    return exit.exitCode;
  } finally {
    forwarder.stop();
  }
}

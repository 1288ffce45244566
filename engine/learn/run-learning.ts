/**
 * One learning run, the way `run` launches: the base's launch cgroup made
 * and joined (limits in force), the command started in the base's
 * namespaces and checked against them, and the recording around it. It
 * traces capabilities when it can, forwards signals, stops the command after
 * --timeout (SIGTERM, then SIGKILL a second later), and once it has exited
 * ends the recording (what is pending is answered; a process it left behind
 * gets ENOSYS from then on) and removes the cgroup.
 */
import type { LaunchPlan } from '../../enforcer/launch-plan.js';
import type { NativeRecording } from '../../enforcer/native-binding.js';
import { launchRecorded } from '../../enforcer/recorded-launch.js';
import { describeError } from '../errors.js';
import { createLaunchCgroup } from '../run/cgroup/launch-cgroup.js';
import type { LaunchCgroup } from '../run/cgroup/launch-cgroup.js';
import type { CgroupPlace } from '../run/cgroup/cgroup-places.js';
import { forwardSignals } from '../run/forward-signals.js';
import type { SignalSource } from '../run/forward-signals.js';
import type { CgroupLimits } from '../run/isolation-intent.js';
import { limitReport } from '../run/limit-report.js';
import { verifyIsolation } from '../run/verify-isolation.js';
import { startCapTrace } from './cap-trace.js';
import type { CapTrace } from './cap-trace.js';
import type { CapabilityOutcome } from './learned-profile.js';
import type { RecordingFilter } from './recording-filter.js';

export type LearningResult =
  | { readonly kind: 'failed'; readonly message: string; readonly exitCode: number }
  | {
      readonly kind: 'ran';
      readonly exitCode: number;
      readonly timedOut: boolean;
      readonly recording: NativeRecording;
      readonly capabilities: CapabilityOutcome;
      /** Limits the command ran into, and cgroups that could not be removed. */
      readonly notes: readonly string[];
    };

export interface LearningOptions {
  readonly timeoutSeconds: number | null;
  readonly signals: SignalSource;
  readonly terminal: boolean;
  /** The launch cgroup's places and limits (engine/run/decide-isolation.ts); none when absent. */
  readonly cgroup?: { readonly places: readonly CgroupPlace[]; readonly limits: CgroupLimits };
}

export async function runLearning(plan: LaunchPlan, filter: RecordingFilter, options: LearningOptions): Promise<LearningResult> {
  let cgroup: LaunchCgroup | null = null;
  if (options.cgroup?.places.length) {
    try {
      cgroup = createLaunchCgroup(options.cgroup.places, options.cgroup.limits);
    } catch (error) {
      return { kind: 'failed', message: describeError(error), exitCode: 125 };
    }
    plan = { ...plan, isolation: { ...plan.isolation!, cgroupProcs: cgroup.procsFiles } };
  }
  const notes: string[] = [];
  try {
    const result = await recorded(plan, filter, options, cgroup);
    if (result.kind === 'ran' && cgroup) notes.push(...limitReport(cgroup.events(), options.cgroup!.limits, cgroup.cgroups));
    return result.kind === 'ran' ? { ...result, notes } : result;
  } finally {
    for (const left of (await cgroup?.remove()) ?? []) notes.push(`could not remove the launch's cgroup ${left}`);
  }
}

async function recorded(plan: LaunchPlan, filter: RecordingFilter, options: LearningOptions, cgroup: LaunchCgroup | null): Promise<LearningResult> {
  const trace = await startCapTrace();
  const fds = typeof trace === 'string' ? { tracePidFd: -1, traceEnableFd: -1 } : { tracePidFd: trace.pidFd, traceEnableFd: trace.enableFd };
  const forwarder = forwardSignals(options.signals, { terminal: options.terminal });
  let timer: NodeJS.Timeout | undefined;
  try {
    const launched = launchRecorded({ ...plan, seccomp: { program: filter.program, flags: [] } }, { oracle: filter.oracle, capture: filter.capture, ...fds });
    const { outcome } = launched;
    /** Nothing is learned: the recording ends, and what it says went wrong is added. */
    const giveUp = async (message: string, exitCode: number): Promise<LearningResult> => {
      launched.stop();
      const { error } = await launched.recording;
      if (typeof trace !== 'string') trace.abandon();
      return { kind: 'failed', message: error ? `${message} (the recorder: ${error})` : message, exitCode };
    };
    if (outcome.kind === 'failed') return giveUp(outcome.message, outcome.exitCode);
    const { child } = outcome;
    forwarder.attach(child);
    const problems = plan.isolation ? verifyIsolation(child.pid, plan.isolation, cgroup, child.initPid) : [];
    child.release();
    if (problems.length) {
      child.signal('SIGKILL');
      await child.exited;
      return giveUp(`pid ${child.pid} does not match the plan: ${problems.join('; ')}; the command was killed`, 125);
    }
    let timedOut = false;
    if (options.timeoutSeconds !== null) {
      timer = setTimeout(() => {
        timedOut = true;
        child.signal('SIGTERM');
        setTimeout(() => child.signal('SIGKILL'), 1000).unref();
      }, options.timeoutSeconds * 1000);
    }
    const exit = await child.exited;
    launched.stop();
    const recording = await launched.recording;
    return { kind: 'ran', exitCode: exit.exitCode, timedOut, recording, capabilities: capabilitiesOf(trace, recording), notes: [] };
  } catch (error) {
    if (typeof trace !== 'string') trace.abandon();
    throw error;
  } finally {
    if (timer) clearTimeout(timer);
    forwarder.stop();
  }
}

function capabilitiesOf(trace: CapTrace | string, recording: NativeRecording): CapabilityOutcome {
  if (typeof trace === 'string') return { kind: 'not-learned', reason: trace };
  if (recording.traceError) {
    trace.abandon();
    return { kind: 'not-learned', reason: recording.traceError };
  }
  const checks = trace.finish();
  return typeof checks === 'string' ? { kind: 'not-learned', reason: checks } : { kind: 'traced', checks };
}

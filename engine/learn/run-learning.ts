/**
 * One learning run: launch recorded, trace capabilities when it can, forward
 * signals, stop the command after --timeout (SIGTERM, then SIGKILL a second
 * later), and once it has exited end the recording (what is pending is
 * answered; a process it left behind gets ENOSYS from then on).
 */
import type { LaunchPlan } from '../../enforcer/launch-plan.js';
import type { NativeRecording } from '../../enforcer/native-binding.js';
import { launchRecorded } from '../../enforcer/recorded-launch.js';
import { forwardSignals } from '../run/forward-signals.js';
import type { SignalSource } from '../run/forward-signals.js';
import { startCapTrace } from './cap-trace.js';
import type { CapabilityOutcome } from './learned-profile.js';
import type { RecordingFilter } from './recording-filter.js';

export type LearningResult =
  | { readonly kind: 'failed'; readonly message: string; readonly exitCode: number }
  | { readonly kind: 'ran'; readonly exitCode: number; readonly timedOut: boolean; readonly recording: NativeRecording; readonly capabilities: CapabilityOutcome };

export interface LearningOptions {
  readonly timeoutSeconds: number | null;
  readonly signals: SignalSource;
  readonly terminal: boolean;
}

export async function runLearning(plan: LaunchPlan, filter: RecordingFilter, options: LearningOptions): Promise<LearningResult> {
  const trace = startCapTrace();
  const fds = typeof trace === 'string' ? { tracePidFd: -1, traceEnableFd: -1 } : { tracePidFd: trace.pidFd, traceEnableFd: trace.enableFd };
  const forwarder = forwardSignals(options.signals, { terminal: options.terminal });
  let timer: NodeJS.Timeout | undefined;
  try {
    const launched = launchRecorded({ ...plan, seccomp: { program: filter.program, flags: [] } }, { oracle: filter.oracle, capture: filter.capture, ...fds });
    const { outcome } = launched;
    if (outcome.kind === 'failed') {
      launched.stop();
      await launched.recording;
      if (typeof trace !== 'string') trace.abandon();
      return { kind: 'failed', message: outcome.message, exitCode: outcome.exitCode };
    }
    const { child } = outcome;
    forwarder.attach(child);
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
    const capabilities: CapabilityOutcome =
      typeof trace === 'string'
        ? { kind: 'not-learned', reason: trace }
        : recording.traceError
          ? (trace.abandon(), { kind: 'not-learned', reason: recording.traceError })
          : { kind: 'traced', checks: trace.finish() };
    return { kind: 'ran', exitCode: exit.exitCode, timedOut, recording, capabilities };
  } catch (error) {
    if (typeof trace !== 'string') trace.abandon();
    throw error;
  } finally {
    if (timer) clearTimeout(timer);
    forwarder.stop();
  }
}

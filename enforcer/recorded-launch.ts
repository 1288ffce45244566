/**
 * `caplint learn`'s launch: the plan's filter is the recording filter (every
 * call the base profile allows or denies with an errno is notified); the
 * addon's recorder thread answers each one as the base profile would and
 * counts it. The binding comes from a factory so tests can inject a fake.
 */
import { loadBinding } from './load-binding.js';
import { toNativePlan } from './launch-plan.js';
import type { LaunchPlan } from './launch-plan.js';
import { outcomeOf } from './launcher.js';
import type { LaunchOutcome } from './launcher.js';
import type { NativeBinding, NativeLearnOptions, NativeRecorderBinding, NativeRecording } from './native-binding.js';

export interface RecordedLaunch {
  readonly outcome: LaunchOutcome;
  /** Settles when nothing uses the filter any more, or soon after stop(). */
  readonly recording: Promise<NativeRecording>;
  /** Ends the recording: what is pending is answered, calls made later fail with ENOSYS. */
  stop(): void;
}

type Binding = NativeBinding & NativeRecorderBinding;

export function launchRecorded(plan: LaunchPlan, options: NativeLearnOptions, factory: () => Binding = loadBinding as () => Binding): RecordedLaunch {
  if (!plan.seccomp) throw new TypeError('a recorded launch needs the recording filter in its plan');
  const native = factory();
  const result = native.learn(toNativePlan(plan), options);
  return {
    outcome: outcomeOf(native, result, plan),
    recording: result.recording,
    stop: () => void native.stopRecording(result.recorder),
  };
}

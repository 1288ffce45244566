/**
 * SIGINT, SIGTERM and SIGHUP sent to caplint go to the child (and no longer
 * end caplint). Listening starts before the launch, so a signal that arrives
 * while the child is being started is held and delivered once it runs,
 * instead of killing caplint and orphaning the child. The child shares
 * caplint's process group, so a terminal's Ctrl-C reaches it directly too; a
 * repeated SIGINT is harmless for nearly every program, and a lone
 * `kill PID-of-caplint` must still reach it.
 */
import type { RunningChild } from '../../enforcer/launcher.js';

export const FORWARDED: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export interface SignalSource {
  on(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
  off(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
}

export interface SignalForwarder {
  /** Delivers the signals held so far, then forwards as they come. */
  attach(child: RunningChild): void;
  stop(): void;
}

export function forwardSignals(source: SignalSource = process): SignalForwarder {
  let target: RunningChild | undefined;
  const held: NodeJS.Signals[] = [];
  const listener = (signal: NodeJS.Signals): void => {
    if (target) target.signal(signal);
    else held.push(signal);
  };
  for (const signal of FORWARDED) source.on(signal, listener);
  return {
    attach(child) {
      target = child;
      for (const signal of held.splice(0)) child.signal(signal);
    },
    stop() {
      for (const signal of FORWARDED) source.off(signal, listener);
    },
  };
}

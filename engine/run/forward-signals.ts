/**
 * While the child runs, SIGINT, SIGTERM and SIGHUP sent to caplint go to the
 * child (and no longer end caplint). The child shares caplint's process group,
 * so a terminal's Ctrl-C reaches it directly too; a signal is idempotent for
 * nearly every program, and a lone `kill PID-of-caplint` must still reach it.
 */
import type { RunningChild } from '../../enforcer/launcher.js';

export const FORWARDED: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export interface SignalSource {
  on(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
  off(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
}

/** Starts forwarding; the returned function stops it. */
export function forwardSignals(child: RunningChild, source: SignalSource = process): () => void {
  const listener = (signal: NodeJS.Signals): void => void child.signal(signal);
  for (const signal of FORWARDED) source.on(signal, listener);
  return () => {
    for (const signal of FORWARDED) source.off(signal, listener);
  };
}

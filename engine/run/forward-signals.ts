/**
 * SIGINT, SIGTERM and SIGHUP sent to caplint go to the child (and no longer
 * end caplint). Listening starts before the launch, so a signal that arrives
 * while the child is being started is held and delivered once it runs,
 * instead of killing caplint and orphaning the child. The child stays in
 * caplint's process group (so it keeps the terminal): when caplint's stdin is
 * a terminal, its Ctrl-C already reaches the child, and SIGINT is not sent a
 * second time (many programs take a second Ctrl-C as "force quit").
 */
import type { RunningChild } from '../../enforcer/launcher.js';

export const FORWARDED: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Signals whose default action would end caplint (and so, through the
 * child's PR_SET_PDEATHSIG, the child) or, for SIGUSR1, open Node's
 * inspector. While a child runs they are received and dropped: a child that
 * sends them changes nothing. (SIGUSR1 is also taken by bin/caplint.js for
 * every command; SIGPIPE and SIGXFSZ Node ignores already, and a listener
 * removed would leave them at their default.) The table in docs/enforcer.md
 * lists every signal.
 */
export const IGNORED: readonly NodeJS.Signals[] = ['SIGUSR1', 'SIGUSR2', 'SIGQUIT', 'SIGALRM', 'SIGVTALRM', 'SIGPROF', 'SIGIO', 'SIGPWR', 'SIGSTKFLT', 'SIGXCPU', 'SIGTRAP'];

export interface SignalSource {
  on(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
  off(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
}

export interface SignalForwarder {
  /** Delivers the signals held so far, then forwards as they come. */
  attach(child: RunningChild): void;
  stop(): void;
}

export function forwardSignals(source: SignalSource = process, options: { readonly terminal?: boolean } = {}): SignalForwarder {
  let target: RunningChild | undefined;
  const held: NodeJS.Signals[] = [];
  const listener = (signal: NodeJS.Signals): void => {
    if (signal === 'SIGINT' && options.terminal) return; // the terminal sent it to the child too
    if (target) target.signal(signal);
    else held.push(signal);
  };
  const drop = (): void => {};
  for (const signal of FORWARDED) source.on(signal, listener);
  for (const signal of IGNORED) source.on(signal, drop);
  return {
    attach(child) {
      target = child;
      for (const signal of held.splice(0)) child.signal(signal);
    },
    stop() {
      for (const signal of FORWARDED) source.off(signal, listener);
      for (const signal of IGNORED) source.off(signal, drop);
    },
  };
}

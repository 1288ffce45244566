/** Signals that arrive while the child is being started are held, then delivered. */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { forwardSignals } from '../../engine/run/forward-signals.js';
import type { RunningChild } from '../../enforcer/launcher.js';

function child(sent: (NodeJS.Signals | number)[]): RunningChild {
  return { pid: 1, initPid: null, release: () => {}, exited: new Promise(() => {}), signal: (s) => (sent.push(s), true) };
}

describe('forwardSignals', () => {
  it('holds a signal that comes before the child exists and forwards later ones directly', () => {
    const source = new EventEmitter();
    const sent: (NodeJS.Signals | number)[] = [];
    const forwarder = forwardSignals(source);
    source.emit('SIGTERM', 'SIGTERM');
    expect(sent).toEqual([]);
    forwarder.attach(child(sent));
    expect(sent).toEqual(['SIGTERM']);
    source.emit('SIGHUP', 'SIGHUP');
    source.emit('SIGINT', 'SIGINT');
    expect(sent).toEqual(['SIGTERM', 'SIGHUP', 'SIGINT']);
    forwarder.stop();
    expect(source.listenerCount('SIGINT') + source.listenerCount('SIGTERM') + source.listenerCount('SIGHUP')).toBe(0);
  });

  it('does not send a terminal Ctrl-C a second time, but still forwards SIGTERM', () => {
    const source = new EventEmitter();
    const sent: (NodeJS.Signals | number)[] = [];
    const forwarder = forwardSignals(source, { terminal: true });
    forwarder.attach(child(sent));
    source.emit('SIGINT', 'SIGINT');
    source.emit('SIGTERM', 'SIGTERM');
    expect(sent).toEqual(['SIGTERM']);
    forwarder.stop();
  });
});

/**
 * caplint's tracing instances under tracefs: named after the learn process
 * that made them (caplint-learn-PIDNS-PID-RANDOM, PIDNS the inode of its pid
 * namespace), removed by it or by its holder (tracefs.ts), and, should both
 * have been killed, by the next `learn`: an instance whose PID no longer
 * runs in this pid namespace is stale. Instances are global to the kernel,
 * so one made from another pid namespace (a container), whose PID means
 * nothing here, is never touched; nor is one of a live caplint, so two
 * learns at once do not disturb each other.
 */
import { readdirSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { alive } from '../run/cgroup/launch-cgroup.js';

export const EVENT = join('events', 'capability', 'cap_capable');
const NAME = /^caplint-learn-(\d+)-(\d+)-[0-9a-f]{8}$/;
const pidNamespace = (): number => statSync('/proc/self/ns/pid').ino;

/** A fresh instance name for this process. */
export function instanceName(): string {
  return `caplint-learn-${pidNamespace()}-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Disables the event (tracing stops at once) and removes the instance; false if it is still there. */
export function removeInstance(dir: string): boolean {
  try {
    writeFileSync(join(dir, EVENT, 'enable'), '0');
  } catch {
    // not created, or already gone
  }
  try {
    rmdirSync(dir);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/** Removes the instances of caplint learn processes that no longer run; returns their names. */
export function sweepStaleInstances(root: string): string[] {
  let names: string[];
  try {
    names = readdirSync(join(root, 'instances'));
  } catch {
    return [];
  }
  const ours = pidNamespace();
  return names.filter((name) => {
    const owner = NAME.exec(name);
    if (!owner || Number(owner[1]) !== ours || Number(owner[2]) === process.pid || alive(Number(owner[2]))) return false;
    return removeInstance(join(root, 'instances', name));
  });
}

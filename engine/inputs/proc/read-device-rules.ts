/**
 * The device cgroup a process is in: cgroup v1 lists its rules in
 * devices.list (`a *:* rwm`, `c 1:3 rwm`); cgroup v2 enforces devices with
 * an eBPF program that has no text form, so there the rules are unknown.
 */
import type { DeviceRule, Maybe } from '../../model/subject.js';
import { isUnknown, unknown } from '../../model/subject.js';
import type { Membership } from './cgroup-hierarchies.js';
import { directoryOf } from './cgroup-hierarchies.js';
import type { ScanContext } from './scan-context.js';
import { countUnreadable } from './scan-context.js';
import { readFailure } from './proc-fs.js';

/** `count` hears the reason when devices.list cannot be read (by default it is counted on the scan). */
export function readDeviceRules(context: ScanContext, memberships: readonly Membership[], count = (reason: string) => countUnreadable(context, reason)): Maybe<DeviceRule[]> {
  const member = memberships.find((m) => m.version === 1 && m.controllers.includes('devices'));
  const place = member && directoryOf(member, context.hierarchies);
  if (!place) return unknown('no cgroup v1 devices controller; cgroup v2 device rules are eBPF programs and are not read');
  let rules = context.deviceRules.get(place.dir);
  if (!rules) {
    try {
      rules = parseDevicesList(context.fs.read(`${place.dir}/devices.list`));
    } catch (error) {
      rules = unknown(`${place.dir}/devices.list: ${readFailure(error)}`);
    }
    context.deviceRules.set(place.dir, rules);
  }
  if (isUnknown(rules)) count(`devices.list: ${rules.reason.replace(/^.*: /, '')}`);
  return rules;
}

export function parseDevicesList(text: string): DeviceRule[] {
  const rules: DeviceRule[] = [];
  for (const line of text.split('\n')) {
    const m = /^([abc]) (\*|\d+):(\*|\d+) ([rwm]+)$/.exec(line.trim());
    if (!m) continue;
    rules.push({ allow: true, type: m[1]!, major: m[2] === '*' ? null : Number(m[2]), minor: m[3] === '*' ? null : Number(m[3]), access: m[4]! });
  }
  return rules;
}

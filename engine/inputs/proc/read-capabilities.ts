/**
 * The five capability sets of /proc/PID/status, decoded against the running
 * kernel's highest capability (/proc/sys/kernel/cap_last_cap), never a fixed
 * mask: bits the name table does not know are named CAP_<n>.
 */
import type { Capabilities, CapSetName, Maybe } from '../../model/subject.js';
import { unknown } from '../../model/subject.js';
import { namesOfMask } from '../../linux/capabilities.js';
import type { StatusFields } from './parse-status.js';
import { hexMask } from './parse-status.js';

const STATUS_KEY: Readonly<Record<CapSetName, string>> = {
  bounding: 'CapBnd', permitted: 'CapPrm', effective: 'CapEff', inheritable: 'CapInh', ambient: 'CapAmb',
};

export interface DecodedCapabilities {
  readonly capabilities: Capabilities;
  /** The masks as the kernel printed them, by set (hex), so nothing is lost in decoding. */
  readonly masks: Readonly<Partial<Record<CapSetName, string>>>;
}

/** cap_last_cap, or undefined when it cannot be read (then every bit of the masks is decoded). */
export function parseLastCap(text: string | undefined): number | undefined {
  const n = Number(text?.trim());
  return text !== undefined && Number.isInteger(n) && n >= 0 && n < 64 ? n : undefined;
}

/** Decoded name lists by (mask, last cap): thousands of processes share a handful of masks. */
const decoded = new Map<string, readonly string[]>();

function names(mask: bigint, raw: string, lastCap: number): readonly string[] {
  const key = `${raw}/${lastCap}`;
  let list = decoded.get(key);
  if (!list) decoded.set(key, (list = namesOfMask(mask, lastCap)));
  return list;
}

/** Whole decodings by the five masks: processes with the same sets share one (read-only) answer. */
const byMasks = new Map<string, DecodedCapabilities>();

export function decodeCapabilities(status: StatusFields, lastCap: number | undefined): DecodedCapabilities {
  const key = `${lastCap}/${Object.values(STATUS_KEY).map((k) => status.get(k)).join('/')}`;
  let found = byMasks.get(key);
  if (!found) {
    if (byMasks.size >= 4096) byMasks.clear(); // a long-lived agent sees new sets; keep the cache bounded
    byMasks.set(key, (found = decode(status, lastCap)));
  }
  return found;
}

function decode(status: StatusFields, lastCap: number | undefined): DecodedCapabilities {
  const sets = {} as Record<CapSetName, Maybe<readonly string[]>>;
  const masks: Partial<Record<CapSetName, string>> = {};
  for (const [set, key] of Object.entries(STATUS_KEY) as [CapSetName, string][]) {
    const raw = status.get(key);
    const mask = hexMask(raw);
    if (mask === undefined) {
      sets[set] = unknown(raw === undefined ? `${key} is not in /proc/PID/status (kernel too old?)` : `${key} is not a hex mask: "${raw}"`);
      continue;
    }
    masks[set] = raw!;
    sets[set] = names(mask, raw!, lastCap ?? 63);
  }
  return { capabilities: sets, masks };
}

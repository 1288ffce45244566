/**
 * The cgroup limits that actually apply to a process: for memory, pids and
 * cpu, the tightest value set on its cgroup or any ancestor, over every
 * hierarchy that carries the controller (v1, v2 or both on a hybrid host).
 * Values are cached per file: processes of one cgroup share them.
 */
import type { CpuLimit, Limits, Maybe } from '../../model/subject.js';
import { unknown } from '../../model/subject.js';
import type { Hierarchy, Membership } from './cgroup-hierarchies.js';
import { directoryOf } from './cgroup-hierarchies.js';
import type { ProcFs } from './proc-fs.js';
import { errnoOf, readFailure } from './proc-fs.js';

type Kind = 'memory' | 'pids' | 'cpu';
/** What one file says: a limit, no limit, or no such file at this level. */
type Level = { value: number | CpuLimit } | 'none' | 'absent';
type Failure = { readonly failure: string };
type Text = string | 'absent' | Failure;

function failed(x: unknown): x is Failure {
  return typeof x === 'object' && x !== null && 'failure' in x;
}

/** v1 reports "no limit" as a huge page-aligned number (PAGE_COUNTER_MAX * page size). */
const V1_UNLIMITED = 2 ** 62;

export interface AppliedLimits {
  readonly limits: Limits;
  /** The cgroup directory each applied limit was read from. */
  readonly sources: Readonly<Partial<Record<Kind, string>>>;
}

export class LimitReader {
  private readonly cache = new Map<string, Text>();
  constructor(private readonly fs: ProcFs, private readonly hierarchies: readonly Hierarchy[]) {}

  applied(memberships: readonly Membership[]): AppliedLimits {
    const sources: Partial<Record<Kind, string>> = {};
    const pick = (kind: Kind): Maybe<number | CpuLimit | null> => {
      let best: number | CpuLimit | null = null;
      let checked = false;
      for (const m of memberships) {
        const place = directoryOf(m, this.hierarchies);
        if (!place || !this.carries(m, place.top, kind)) continue;
        checked = true;
        for (let dir = place.dir; ; dir = dir.slice(0, dir.lastIndexOf('/'))) {
          const level = this.level(kind, m.version, dir);
          if (failed(level)) return unknown(`${dir}: ${level.failure}`);
          if (typeof level === 'object' && tighter(level.value, best)) {
            best = level.value;
            sources[kind] = dir;
          }
          if (dir.length <= place.top.length) break;
        }
      }
      return checked ? best : unknown(`no cgroup hierarchy with the ${kind} controller is mounted for this process`);
    };
    const limits: Limits = { memory: pick('memory') as Maybe<number | null>, pids: pick('pids') as Maybe<number | null>, cpu: pick('cpu') as Maybe<CpuLimit | null> };
    return { limits, sources };
  }

  private carries(m: Membership, top: string, kind: Kind): boolean {
    if (m.version === 1) return m.controllers.includes(kind);
    const listed = this.text(`${top}/cgroup.controllers`);
    return typeof listed === 'string' && listed !== 'absent' && listed.split(/\s+/).includes(kind);
  }

  private level(kind: Kind, version: 1 | 2, dir: string): Level | Failure {
    if (kind === 'memory') return this.number(`${dir}/${version === 1 ? 'memory.limit_in_bytes' : 'memory.max'}`, version === 1 ? V1_UNLIMITED : Infinity);
    if (kind === 'pids') return this.number(`${dir}/pids.max`, Infinity);
    if (version === 2) {
      const text = this.text(`${dir}/cpu.max`);
      if (typeof text !== 'string' || text === 'absent') return text;
      const [quota, period] = text.trim().split(/\s+/);
      return quota === 'max' ? 'none' : cpu(Number(quota), Number(period));
    }
    const quota = this.text(`${dir}/cpu.cfs_quota_us`);
    const period = this.text(`${dir}/cpu.cfs_period_us`);
    if (typeof quota !== 'string' || quota === 'absent') return quota;
    if (typeof period !== 'string' || period === 'absent') return period;
    return Number(quota) < 0 ? 'none' : cpu(Number(quota), Number(period));
  }

  private number(path: string, unlimitedFrom: number): Level | Failure {
    const text = this.text(path);
    if (typeof text !== 'string' || text === 'absent') return text;
    const value = text.trim() === 'max' ? Infinity : Number(text.trim());
    if (Number.isNaN(value)) return { failure: `${path} holds "${text.trim()}"` };
    return value >= unlimitedFrom ? 'none' : { value };
  }

  private text(path: string): Text {
    const cached = this.cache.get(path);
    if (cached !== undefined) return cached;
    let result: Text;
    try {
      result = this.fs.read(path);
    } catch (error) {
      result = errnoOf(error) === 'ENOENT' ? 'absent' : { failure: readFailure(error) };
    }
    this.cache.set(path, result);
    return result;
  }
}

function cpu(quota: number, period: number): Level | Failure {
  if (!Number.isFinite(quota) || !Number.isFinite(period) || period <= 0) return { failure: `unreadable cpu quota "${quota} ${period}"` };
  return { value: { quota, period } };
}

function tighter(value: number | CpuLimit, best: number | CpuLimit | null): boolean {
  if (best === null) return true;
  if (typeof value === 'number') return value < (best as number);
  const b = best as CpuLimit;
  return value.quota / value.period < b.quota / b.period;
}

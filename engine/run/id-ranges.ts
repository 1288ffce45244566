/**
 * A range of ids for a user namespace (--map-users): INSIDE:OUTSIDE:COUNT
 * for uids and gids alike, or `auto`, the caller's first subordinate ranges
 * in /etc/subuid and /etc/subgid (man 5 subuid), mapped from 0 inside. The
 * parent writes such a map, which the kernel allows only with CAP_SETUID and
 * CAP_SETGID over the namespace (root; newuidmap is not used). A range that
 * takes in host uid or gid 0 is refused: host root inside the namespace is
 * what the namespace was meant to take away (--map-root-user maps the
 * caller alone).
 */
import { UsageError } from '../errors.js';

export interface IdRange {
  readonly inside: number;
  readonly outside: number;
  readonly count: number;
}

export interface IdRanges {
  readonly uid: IdRange;
  readonly gid: IdRange;
}

const MAX_ID = 0xffffffff;

function checked(range: IdRange, what: string): IdRange {
  if (range.count < 1 || range.inside + range.count > MAX_ID || range.outside + range.count > MAX_ID)
    throw new UsageError(`${what} ${range.inside}:${range.outside}:${range.count} does not fit in 32-bit ids (COUNT at least 1)`);
  if (range.outside === 0)
    throw new UsageError(`${what} ${range.inside}:${range.outside}:${range.count} would map the host's ${what === '--map-users' ? 'uid and gid' : 'id'} 0 into the namespace; use a subordinate range (or --map-root-user, which maps the caller alone)`);
  return range;
}

/** The first `name:start:count` entry for the caller (by name or by uid) in a subuid/subgid text. */
export function subordinateRange(text: string, names: readonly string[], file: string): IdRange {
  for (const line of text.split('\n')) {
    const [owner, start, count] = line.trim().split(':');
    if (owner && names.includes(owner) && /^\d+$/.test(start ?? '') && /^\d+$/.test(count ?? ''))
      return checked({ inside: 0, outside: Number(start), count: Number(count) }, file);
  }
  throw new UsageError(`--map-users auto: ${file} has no range for ${names.join(' (uid ')}${names.length > 1 ? ')' : ''}`);
}

/** --map-users VALUE; `read` gives the text of /etc/subuid or /etc/subgid (null when absent). */
export function parseIdRanges(value: string, caller: readonly string[], read: (file: string) => string | null): IdRanges {
  if (value === 'auto') {
    const from = (file: string): IdRange => {
      const text = read(file);
      if (text === null) throw new UsageError(`--map-users auto: ${file} does not exist, so the caller has no subordinate range (give INSIDE:OUTSIDE:COUNT)`);
      return subordinateRange(text, caller, file);
    };
    return { uid: from('/etc/subuid'), gid: from('/etc/subgid') };
  }
  const m = /^(\d+):(\d+):(\d+)$/.exec(value);
  if (!m) throw new UsageError(`--map-users "${value}" is not INSIDE:OUTSIDE:COUNT (for example 0:100000:65536) or auto`);
  const range = checked({ inside: Number(m[1]), outside: Number(m[2]), count: Number(m[3]) }, '--map-users');
  return { uid: range, gid: range };
}

export const inRange = (id: number, range: IdRange): boolean => id >= range.inside && id < range.inside + range.count;

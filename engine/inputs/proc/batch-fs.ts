/**
 * A ProcFs that answers from one batch read of every process (the addon's
 * readProcFiles), falling back to the files themselves for anything the
 * batch did not read. The readers above it stay as they are: they ask for
 * /proc/PID/status and get the batch's text, or its errno as a thrown error.
 *
 * Each process was read through one descriptor of its /proc/PID, which
 * cannot reach a process that reused the pid; its second stat read answers
 * the first text when the batch's last read succeeded (the process lived
 * through every read), so a scan's reuse and exit checks keep their meaning.
 */
import { getSystemErrorName } from 'node:util';
import type { ProcFs } from './proc-fs.js';

/** What the batch read, in slot order per pid: stat, files, links, the last slot (undefined: not read). */
export interface ProcBatch {
  readonly pids: Int32Array;
  /** Slot i of the whole batch, (files + links + 2) per pid. */
  entry(index: number): string | number | null | undefined;
  readonly files: readonly string[];
  readonly links: readonly string[];
}

function errnoError(errno: number, syscall: string, path: string): NodeJS.ErrnoException {
  let code: string;
  try {
    code = getSystemErrorName(-errno);
  } catch {
    code = `E${errno}`;
  }
  return Object.assign(new Error(`${code}: ${syscall} '${path}'`), { errno: -errno, code, syscall, path });
}

export function batchProcFs(base: ProcFs, procRoot: string, batch: ProcBatch): ProcFs {
  const per = batch.files.length + batch.links.length + 2;
  const index = new Map<number, number>();
  batch.pids.forEach((pid, i) => index.set(pid, i));
  const fileSlot = new Map(batch.files.map((f, i) => [f, 1 + i]));
  const linkSlot = new Map(batch.links.map((l, i) => [l, 1 + batch.files.length + i]));
  const statsRead = new Set<number>();
  const prefix = `${procRoot}/`;

  // A reader asks for one process's files in a row: the last `/proc/PID/` found is checked first.
  let lastDir = '';
  let lastPid = 0;
  /** [pid, name under /proc/PID] of a path the batch may hold. */
  const split = (path: string): [number, string] | undefined => {
    if (lastDir !== '' && path.startsWith(lastDir)) return [lastPid, path.slice(lastDir.length)];
    if (!path.startsWith(prefix)) return undefined;
    const slash = path.indexOf('/', prefix.length);
    if (slash < 0) return undefined;
    const digits = path.slice(prefix.length, slash);
    const pid = Number(digits);
    if (!index.has(pid) || String(pid) !== digits) return undefined;
    [lastDir, lastPid] = [path.slice(0, slash + 1), pid];
    return [pid, path.slice(slash + 1)];
  };
  const answer = (value: string | number | null | undefined, syscall: string, path: string, direct: () => string): string => {
    if (value === undefined) return direct();
    if (typeof value === 'number') throw errnoError(value, syscall, path);
    return value!;
  };

  return {
    read(path) {
      const at = split(path);
      if (!at) return base.read(path);
      const [pid, name] = at;
      const first = index.get(pid)! * per;
      const direct = () => base.read(path);
      if (name === 'stat') {
        if (!statsRead.has(pid)) {
          statsRead.add(pid);
          return answer(batch.entry(first), 'open', path, direct);
        }
        const last = batch.entry(first + per - 1);
        return answer(last === null ? batch.entry(first) : last, 'open', path, direct);
      }
      const slot = fileSlot.get(name);
      return slot === undefined ? base.read(path) : answer(batch.entry(first + slot), 'open', path, direct);
    },
    readlink(path) {
      const at = split(path);
      const slot = at && linkSlot.get(at[1]);
      return slot === undefined ? base.readlink(path) : answer(batch.entry(index.get(at![0])! * per + slot), 'readlink', path, () => base.readlink(path));
    },
    list: (path) => (path === procRoot ? Array.from(batch.pids, String) : base.list(path)),
    id: (path) => base.id(path),
  };
}

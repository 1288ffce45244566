/**
 * The facade of the addon's batch /proc reader: every file a scan needs from
 * every process, read by the addon's threads while the scan parses what is
 * already read; `entry(i)` is slot i of the whole batch, taken from the addon
 * chunk by chunk as the scan reaches it. Undefined when the addon cannot be
 * loaded: the scan then reads file by file.
 */
import { loadBinding, optionalNative } from './load-binding.js';
import type { NativeBinding, NativeProcBinding } from './native-binding.js';

type Entry = string | number | null | undefined;

/** A batch as the scan reads it: the pids, and slot i of (files + links + 2) per pid. */
export interface ProcFilesBatch {
  readonly pids: Int32Array;
  entry(index: number): Entry;
}

export type ProcFilesReader = (...args: Parameters<NativeProcBinding['readProcFiles']>) => ProcFilesBatch;

export function nativeProcFiles(factory: () => NativeBinding = loadBinding): ProcFilesReader | undefined {
  const read = optionalNative<NativeProcBinding, 'readProcFiles'>('readProcFiles', factory);
  if (!read) return undefined;
  return (procRoot, pids, files, links, statusKeys, skipKernelThreads = false) => {
    for (const name of [...files, ...links]) if (name === '' || name.startsWith('/') || name.includes('..')) throw new RangeError(`not a name under /proc/PID: "${name}"`);
    const stream = read(procRoot, pids, files, links, statusKeys, skipKernelThreads);
    const span = stream.chunk * (files.length + links.length + 2);
    const chunks: Entry[][] = [];
    return {
      pids: stream.pids,
      entry(index) {
        if (!Number.isInteger(index) || index < 0) return undefined;
        const c = Math.floor(index / span);
        if (c * stream.chunk >= stream.pids.length) return undefined;
        const values = (chunks[c] ??= stream.take(c));
        return values[index - c * span];
      },
    };
  };
}

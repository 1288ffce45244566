/**
 * The facade of the addon's batch /proc reader: every file a scan needs from
 * every process in one native call. Undefined when the addon cannot be
 * loaded: the scan then reads file by file.
 */
import { loadBinding } from './load-binding.js';
import type { NativeBinding, NativeProcBinding, NativeProcFiles } from './native-binding.js';

export type ProcFilesReader = NativeProcBinding['readProcFiles'];

export function nativeProcFiles(factory: () => NativeBinding = loadBinding): ProcFilesReader | undefined {
  let binding: Partial<NativeProcBinding>;
  try {
    binding = factory() as Partial<NativeProcBinding>;
  } catch {
    return undefined;
  }
  const read = binding.readProcFiles;
  if (typeof read !== 'function') return undefined;
  return (procRoot, pids, files, links, statusKeys, skipKernelThreads = false): NativeProcFiles => {
    for (const name of [...files, ...links]) if (name === '' || name.startsWith('/') || name.includes('..')) throw new RangeError(`not a name under /proc/PID: "${name}"`);
    return read.call(binding, procRoot, pids, files, links, statusKeys, skipKernelThreads);
  };
}

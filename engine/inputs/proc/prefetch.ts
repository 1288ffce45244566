/**
 * The files a scan reads from every process, read in one batch (the addon's
 * readProcFiles) and served to the readers through a ProcFs: status (only
 * the lines the reader uses), cgroup, cmdline, the LSM labels when this host
 * has labels, every namespace link and the root link.
 */
import { NAMESPACE_TYPES, PROC_NS_FILE } from '../../linux/namespaces.js';
import type { ProcFs } from './proc-fs.js';
import type { ProcBatch } from './batch-fs.js';
import { batchProcFs } from './batch-fs.js';
import { STATUS_KEYS } from './parse-status.js';
import type { ScanContext } from './scan-context.js';
import { LSM_FILES } from './read-lsm.js';

/** The addon's batch reader (enforcer/proc-files.ts), as the scan sees it. */
export type ReadProcFiles = (procRoot: string, pids: Int32Array | null, files: readonly string[], links: readonly string[], statusKeys: readonly string[], skipKernelThreads?: boolean) => Pick<ProcBatch, 'pids' | 'entry'>;

const MAX_PID = 0x7fffffff;

/** `skipKernelThreads`: the scan will not read kernel threads past their stat, so neither does the batch. */
export function prefetchedFs(context: ScanContext, read: ReadProcFiles, pids: readonly number[] | undefined, skipKernelThreads = false): ProcFs {
  const files = ['status', 'cgroup', 'cmdline', ...(context.lsmLabels ? LSM_FILES : [])];
  const links = [...NAMESPACE_TYPES.map((t) => `ns/${PROC_NS_FILE[t]}`), 'root'];
  const wanted = pids === undefined ? null : Int32Array.from(pids.filter((p) => p <= MAX_PID));
  const batch = read(context.roots.proc, wanted, files, links, STATUS_KEYS, skipKernelThreads);
  return batchProcFs(context.fs, context.roots.proc, { pids: batch.pids, entry: (i) => batch.entry(i), files, links });
}

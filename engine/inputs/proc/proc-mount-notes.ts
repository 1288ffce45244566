/**
 * Notes on how procfs is mounted: with hidepid=1 other users' processes are
 * listed but unreadable, with hidepid=2 (invisible) they are not listed at
 * all, and subset=pid hides /proc/sys. A scan says so instead of looking
 * complete.
 */
import type { ProcFs, ProcRoots } from './proc-fs.js';
import { parseMountInfo } from './parse-mountinfo.js';

export function procMountNotes(fs: ProcFs, roots: ProcRoots): string[] {
  let mounts;
  try {
    mounts = parseMountInfo(fs.read(`${roots.proc}/self/mountinfo`));
  } catch {
    return [];
  }
  const proc = mounts.findLast((m) => m.fsType === 'proc' && (m.mountPoint === roots.proc || m.mountPoint === '/proc'));
  if (!proc) return [];
  const notes: string[] = [];
  const options = [...proc.options, ...proc.superOptions];
  const hide = options.find((o) => o.startsWith('hidepid='))?.slice('hidepid='.length);
  if (hide === '1' || hide === 'noaccess') notes.push('procfs is mounted with hidepid=1: other users\' processes are listed but their details are unreadable');
  if (hide === '2' || hide === 'invisible') notes.push('procfs is mounted with hidepid=2: other users\' processes are not listed at all');
  if (hide === '4' || hide === 'ptraceable') notes.push('procfs is mounted with hidepid=ptraceable: only processes this user may trace are listed');
  if (options.includes('subset=pid')) notes.push('procfs is mounted with subset=pid: /proc/sys is absent, so cap_last_cap is unknown');
  return notes;
}

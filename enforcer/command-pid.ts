/**
 * With a pid namespace, caplint's child is the namespace's init and the
 * command is the init's child: its pid as caplint sees it is the child of
 * the init whose NSpid (man 5 proc) ends in the pid the init reported.
 */
import { readFileSync } from 'node:fs';

export function commandPid(initPid: number, nsPid: number): number | null {
  let children: string;
  try {
    children = readFileSync(`/proc/${initPid}/task/${initPid}/children`, 'utf8');
  } catch {
    return null;
  }
  for (const pid of children.trim().split(/\s+/).filter(Boolean).map(Number)) {
    try {
      const line = /^NSpid:\s*(.*)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      if (line && Number(line.trim().split(/\s+/).at(-1)) === nsPid) return pid;
    } catch {
      // gone meanwhile
    }
  }
  return null;
}

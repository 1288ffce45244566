/** The tables `caplint ps` prints: one row per group of identical processes, and one per container. */
import type { ProcessGroup } from '../audit/group-processes.js';
import type { ContainerView } from '../audit/containers-view.js';
import { containerLabel } from '../model/container.js';
import { isUnknown } from '../model/subject.js';
import type { Column } from './fit-table.js';
import { fitTable } from './fit-table.js';
import { capsShort, limitsShort, seccompShort, sharedShort } from './ps-cells.js';
import { terminalSafe } from '../../reports/common/terminal.js';

const GROUP_COLUMNS: readonly Column[] = [
  { title: 'GROUP' },
  { title: 'PROCS', align: 'right' },
  { title: 'PIDS', min: 6, shrinkOrder: 1, dropOrder: 0 },
  { title: 'CONTAINER', min: 9, shrinkOrder: 5, dropOrder: 2 },
  { title: 'USER' },
  { title: 'COMMAND', min: 10, shrinkOrder: 0 },
  { title: 'CAPS', min: 12, shrinkOrder: 4 },
  { title: 'SECCOMP' },
  { title: 'NNP' },
  { title: 'SHARED', min: 6, shrinkOrder: 3 },
  { title: 'LIMITS', min: 6, shrinkOrder: 2, dropOrder: 1 },
];

export function groupTable(groups: readonly ProcessGroup[], width: number, wide: boolean): string {
  return fitTable(GROUP_COLUMNS, groups.map(groupRow), width, wide);
}

function groupRow(g: ProcessGroup): string[] {
  const s = g.representative.subject;
  const argv = s.process?.command;
  const commands = g.pids.length === 1 && argv && !isUnknown(argv) && argv.length
    ? argv.join(' ')
    : g.commands.map(([name, n]) => (n > 1 ? `${name} ×${n}` : name)).join(', ');
  // Every cell passes through terminalSafe: a process picks its own comm and cmdline, a runtime its names.
  return [
    g.id, String(g.pids.length), ranges(g.pids), g.container ? containerLabel(g.container) : '-',
    isUnknown(s.user.uid) ? '?' : String(s.user.uid), commands,
    capsShort(s), seccompShort(s), isUnknown(s.noNewPrivileges) ? '?' : s.noNewPrivileges ? 'yes' : 'no',
    sharedShort(s), limitsShort(s),
  ].map(terminalSafe);
}

/** `3,7-9,12`: sorted pids with runs folded. */
export function ranges(pids: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < pids.length; i++) {
    let j = i;
    while (j + 1 < pids.length && pids[j + 1] === pids[j]! + 1) j++;
    parts.push(j > i ? `${pids[i]}-${pids[j]}` : String(pids[i]));
    i = j;
  }
  return parts.join(',');
}

const CONTAINER_COLUMNS: readonly Column[] = [
  { title: 'CONTAINER', min: 12, shrinkOrder: 2 },
  { title: 'GROUPS', min: 6, shrinkOrder: 1 },
  { title: 'PROCS', align: 'right' },
  { title: 'CONFIG', min: 10, shrinkOrder: 0 },
  { title: 'DRIFT' },
];

export function containerTable(containers: readonly ContainerView[], width: number, wide: boolean): string {
  const rows = containers.map((c) => [
    terminalSafe(c.label), c.groups.join(','), String(c.processes), c.config ? terminalSafe(c.config) : 'not readable',
    c.drift === undefined ? '-' : c.drift.filter((f) => f.severity !== 'info').length ? `${c.drift.filter((f) => f.severity !== 'info').length} differences` : 'none',
  ]);
  return fitTable(CONTAINER_COLUMNS, rows, width, wide);
}

/** /proc/PID/mountinfo lines (man 5 proc_pid_mountinfo). */

export interface MountInfo {
  readonly id: number;
  readonly parent: number;
  /** `major:minor` of the filesystem (one per superblock). */
  readonly device: string;
  /** Path of the mount's root inside its filesystem (`/` unless a bind of a subtree). */
  readonly root: string;
  readonly mountPoint: string;
  /** Per-mount options (ro/rw, nosuid, ...). */
  readonly options: readonly string[];
  readonly fsType: string;
  readonly source: string;
  /** Superblock options (for cgroup v1, the controllers). */
  readonly superOptions: readonly string[];
}

/** The kernel escapes space, tab, newline and backslash as \ooo. */
function unescape(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

export function parseMountInfo(text: string): MountInfo[] {
  const mounts: MountInfo[] = [];
  for (const line of text.split('\n')) {
    const fields = line.split(' ');
    const dash = fields.indexOf('-', 6);
    if (dash < 0 || fields.length < dash + 3) continue;
    mounts.push({
      id: Number(fields[0]),
      parent: Number(fields[1]),
      device: fields[2]!,
      root: unescape(fields[3]!),
      mountPoint: unescape(fields[4]!),
      options: fields[5]!.split(','),
      fsType: fields[dash + 1]!,
      source: unescape(fields[dash + 2]!),
      superOptions: (fields[dash + 3] ?? '').split(','),
    });
  }
  return mounts;
}

/** The mount that is visible at `path` (the last one mounted there). */
export function mountAt(mounts: readonly MountInfo[], path: string): MountInfo | undefined {
  return mounts.findLast((m) => m.mountPoint === path);
}

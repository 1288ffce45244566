/**
 * Where to deny a syscall a live process can reach, in words that know the
 * process: one `caplint run` launched is told about the profile it ran with,
 * never to use caplint run.
 */
import type { Subject } from './subject.js';

export function whereToDeny(subject: Subject): string {
  const launcher = subject.process?.launcher;
  if (!launcher) return 'in the profile the process is started with (for example caplint\'s default: `caplint run --profile default`)';
  if (launcher.seccomp !== undefined) return `in the seccomp profile "${launcher.seccomp}" that \`caplint run\` (pid ${launcher.pid}) launched it with (--seccomp)`;
  return `in the profile "${launcher.profile}" that \`caplint run\` (pid ${launcher.pid}) launched it with: use a profile that extends "${launcher.profile}" and denies them`;
}

/**
 * The rule host confines itself before any rule code runs. With the addon:
 * caplint's own enforcer (enforcer/native/self-confine.cc) and the
 * `rule-host` seccomp profile (profiles/seccomp/rule-host.json). Without it:
 * the host was started under Node's permission model, which is checked here.
 */
import { readFileSync } from 'node:fs';
import { constants } from 'node:os';
import { loadBinding } from '../../../enforcer/load-binding.js';
import { readLastCap } from '../../../enforcer/proc-status.js';
import { builtinProfile } from '../../seccomp/profile/builtin.js';
import { compileSeccompProfile } from '../../run/seccomp-compile.js';
import type { InitRequest } from '../protocol.js';
import type { Boundary } from '../boundary.js';

const NOBODY = 65534;

function errnoName(errno: number): string {
  if (errno === 0) return 'done';
  const name = Object.entries(constants.errno).find(([, n]) => n === errno)?.[0];
  return name ?? `errno ${errno}`;
}

/** VmSize now, so RLIMIT_AS can leave room for what the host already maps. */
function mappedBytes(): number {
  const match = /^VmSize:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

export function confineWithAddon(init: InitRequest): Boundary {
  const binding = loadBinding();
  const seccomp = compileSeccompProfile(builtinProfile('rule-host'), 'the rule-host seccomp profile', [], { capabilities: [] });
  const root = process.geteuid?.() === 0;
  const result = binding.confineSelf({
    lastCap: readLastCap(),
    user: root ? { uid: NOBODY, gid: NOBODY } : null,
    addressSpace: init.addressSpace ? mappedBytes() + init.addressSpace : 0,
    cpuSeconds: init.cpuSeconds,
    seccomp: seccomp.program,
  });
  return {
    kind: 'os',
    seccomp: 'rule-host',
    userNamespace: errnoName(result.userNamespaceErrno),
    netNamespace: errnoName(result.netNamespaceErrno),
    boundingCleared: result.boundingCleared,
    uid: root ? NOBODY : process.getuid?.() ?? -1,
  };
}

/** Under --experimental-permission: confirm that writing, child processes, workers and addons are refused. */
export function checkPermissionModel(): Boundary {
  const permission = (process as unknown as { permission?: { has(scope: string, ref?: string): boolean } }).permission;
  if (!permission) throw new Error('the permission model is not active');
  for (const scope of ['fs.write', 'child', 'worker'])
    if (permission.has(scope)) throw new Error(`the permission model still allows ${scope}`);
  return { kind: 'permission' };
}

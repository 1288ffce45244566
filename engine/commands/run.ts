/**
 * caplint run [--profile NAME|FILE] [--config OCI_CONFIG.json] [--cap-add CAP]
 *             [--cap-drop CAP] [--seccomp FILE|unconfined] [--dry-run]
 *             [--allow-partial] [--unshare NS,...] [--map-root-user | --map-user UID:GID] [--map-users IN:OUT:N|auto]
 *             [--mount-proc] [--no-init] [--hostname NAME] [--cpus N] [--memory SIZE] [--pids N]
 *             -- COMMAND [ARG...]
 *
 * Exits with the child's code, 128+N for signal N, 125 when confinement could
 * not be set up (nothing ran), 126 not executable, 127 not found.
 */
import type { Command } from '../cli/commands.js';
import type { Io } from '../cli/io.js';
import { parse } from '../cli/args.js';
import { mayBeTerminal } from '../cli/fd-output.js';
import { terminalSafe } from '../../reports/common/terminal.js';
import { CaplintError, UsageError, describeError } from '../errors.js';
import type { Enforcer } from '../../enforcer/launcher.js';
import { readLastCap, readStatus } from '../../enforcer/proc-status.js';
import type { ConfinementStatus } from '../../enforcer/proc-status.js';
import { ConfinementRefused, decidePlan } from '../run/decide-plan.js';
import { formatPlan } from '../run/format-plan.js';
import { launchAndWait } from '../run/launch-and-wait.js';
import type { SignalSource } from '../run/forward-signals.js';
import { resolveCommand } from '../run/resolve-command.js';
import { buildIntent } from '../run/run-intent.js';
import { decideIsolation } from '../run/decide-isolation.js';
import { childUser } from '../run/child-user.js';
import { formatIsolation } from '../run/format-isolation.js';
import type { CgroupLimits } from '../run/isolation-intent.js';
import type { CgroupPlace } from '../run/cgroup/cgroup-places.js';
import { loadInlineSeccomp, loadSeccomp } from '../run/seccomp-source.js';
import { nativeArch } from '../run/seccomp-compile.js';
import { refuseUnlessExecAllowed } from '../run/exec-allowed.js';
import { defaultCacheDir } from '../run/bpf-cache/store.js';
import type { Sha256 } from '../run/bpf-cache/sha256.js';

export const RUN_USAGE = `Usage: caplint run [options] -- COMMAND [ARG...]

Launch COMMAND confined: namespaces, cgroup limits, capability bounding set,
no_new_privs, seccomp filter.

Options:
  --profile NAME|FILE   default (Docker's set minus NET_RAW, no_new_privs, default seccomp) or restricted
  --config FILE         take process.capabilities, noNewPrivileges, user and linux.seccomp from an OCI config
  --cap-add CAP         keep CAP too (repeatable; ALL for every one)
  --cap-drop CAP        drop CAP (repeatable; ALL for every one)
  --seccomp FILE|NAME   a seccomp profile, a .bpf program, a built-in name, or unconfined
  --unshare NS,...      new namespaces: user, pid, mount, net, ipc, uts, cgroup (besides the profile's)
  --map-root-user       in the user namespace, map the caller to root (the default)
  --map-user UID:GID    in the user namespace, map the caller to UID:GID (with --map-users: run as UID:GID in the range)
  --map-users IN:OUT:N  map N uids and gids from IN inside to OUT outside (root only), or auto (/etc/subuid, /etc/subgid)
  --mount-proc          mount a fresh /proc (in a new mount namespace)
  --no-init             in a new pid namespace, make the command PID 1 itself (no minimal init: it must
                        reap orphans, and ignores signals it has no handler for)
  --hostname NAME       the hostname (in a new uts namespace)
  --cpus N              cgroup CPU limit, in CPUs (0.2 = 20% of one)
  --memory SIZE         cgroup memory limit (256Mi, 1G, bytes); swap included
  --pids N              cgroup limit on the number of processes
  --no-cache            compile the seccomp profile now: no program compiled at package build or by an earlier launch
  --dry-run             print the plan and run nothing
  --allow-partial       run with what caplint can enforce here, stating what it leaves out
  --accept-unknown-syscalls
                        take syscall names newer than caplint's tables (they match nothing on this kernel table)

Exit: the command's code, 128+N for signal N, 125 confinement failed (nothing ran), 126 not executable, 127 not found.
`;

export interface RunDeps {
  readonly enforcer: () => Enforcer;
  readonly ownStatus: () => ConfinementStatus;
  readonly signals: SignalSource;
  readonly stdinIsTerminal: () => boolean;
  readonly platform: NodeJS.Platform;
  /** Where launch cgroups go (engine/run/cgroup/cgroup-places.ts); tests inject one. */
  readonly cgroupPlaces: (limits: CgroupLimits) => CgroupPlace[] | string;
}

const OPTIONS = {
  profile: { type: 'string' },
  config: { type: 'string' },
  'cap-add': { type: 'string', multiple: true },
  'cap-drop': { type: 'string', multiple: true },
  seccomp: { type: 'string' },
  'dry-run': { type: 'boolean' },
  'no-cache': { type: 'boolean' },
  'allow-partial': { type: 'boolean' },
  unshare: { type: 'string', multiple: true },
  'map-root-user': { type: 'boolean' },
  'map-user': { type: 'string' },
  'map-users': { type: 'string' },
  'mount-proc': { type: 'boolean' },
  'no-init': { type: 'boolean' },
  hostname: { type: 'string' },
  cpus: { type: 'string' },
  memory: { type: 'string' },
  pids: { type: 'string' },
  'accept-unknown-syscalls': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const acceptUnknown = (values: { readonly 'accept-unknown-syscalls'?: boolean }): boolean => values['accept-unknown-syscalls'] === true;

/** The addon's SHA-256 for the program cache (run loads the addon to launch anyway); undefined, node:crypto's, when it does not load. */
async function addonSha256(): Promise<Sha256 | undefined> {
  return (await import('../../enforcer/sha256.js')).addonSha256();
}

async function defaultEnforcer(): Promise<() => Enforcer> {
  const { createEnforcer } = await import('../../enforcer/launcher.js');
  return () => createEnforcer();
}

export function createRunCommand(deps: Partial<RunDeps> = {}): Command {
  return {
    summary: 'launch a command confined by a profile',
    async run(args: readonly string[], io: Io): Promise<number> {
      const split = args.indexOf('--');
      const { values, positionals } = parse('run', split < 0 ? args : args.slice(0, split), OPTIONS);
      if (values.help) {
        io.write(RUN_USAGE);
        return 0;
      }
      const command = split < 0 ? positionals : [...positionals, ...args.slice(split + 1)];
      if (command.length === 0) throw new UsageError('caplint run: no command given (caplint run [options] -- COMMAND [ARG...])');
      const platform = deps.platform ?? process.platform;
      if (platform !== 'linux') {
        io.error(`caplint run: launching confined needs Linux and caplint's native enforcer addon, which is built only there (this is ${platform}); nothing was run\n`);
        return 125;
      }
      try {
        const acceptUnknownSyscalls = acceptUnknown(values);
        const intent = buildIntent(
          {
            profile: values.profile, config: values.config, capAdd: values['cap-add'] ?? [], capDrop: values['cap-drop'] ?? [], seccomp: values.seccomp, acceptUnknownSyscalls,
            isolation: {
              unshare: values.unshare ?? [], mapRootUser: values['map-root-user'] === true, mapUser: values['map-user'], mapUsers: values['map-users'], mountProc: values['mount-proc'] === true, noInit: values['no-init'] === true,
              hostname: values.hostname, cpus: values.cpus, memory: values.memory, pids: values.pids,
            },
          },
          io.cwd,
        );
        const allowPartial = values['allow-partial'] === true;
        const own = (deps.ownStatus ?? (() => readStatus('self')))();
        const lastCap = readLastCap();
        const isolation = decideIsolation(intent.isolation, own, lastCap, allowPartial || values['dry-run'] === true, deps.cgroupPlaces);
        const cache = values['no-cache'] ? undefined : { dir: defaultCacheDir(io.env), sha256: await addonSha256() };
        const context = { capabilities: intent.capabilities.bounding, forbidden: intent.forbiddenSyscalls, acceptUnknownSyscalls, ...(cache ? { cache } : {}) };
        const seccomp =
          'inline' in intent.seccomp
            ? loadInlineSeccomp(intent.seccomp.inline, intent.seccomp.document, intent.seccompFlags, context)
            : loadSeccomp(intent.seccomp.ref, intent.seccompFlags, context);
        if (seccomp) refuseUnlessExecAllowed(seccomp.program, nativeArch(), 'the seccomp filter');
        const unknown = [...new Set([...intent.unknownSyscalls, ...(seccomp?.unknownSyscalls ?? [])])];
        if (unknown.length) io.error(`caplint run: note: names unknown to this kernel table, accepted (--accept-unknown-syscalls) and matching nothing: ${unknown.join(', ')}\n`);
        const file = resolveCommand(command[0]!, io.env.PATH, io.cwd);
        const childOwn = isolation.childOwn;
        const user = childUser(intent.user, childOwn, intent.isolation.mapTo, isolation.plan);
        const decide = (partialOk: boolean) => decidePlan(
          { file: file ?? command[0]!, argv: command, env: io.env, capabilities: intent.capabilities, noNewPrivs: intent.noNewPrivs, user, seccomp, allowPartial: partialOk, isolation: isolation.plan },
          childOwn,
          lastCap,
        );
        if (values['dry-run']) {
          // The plan is shown even when it would be refused; the exit code says whether it would run.
          const shown = decide(true);
          const refused = (shown.partial !== null || isolation.gaps.length > 0) && !allowPartial;
          io.write(formatPlan(shown, intent.source, seccomp, refused) + formatIsolation(isolation, refused));
          return refused ? 125 : 0;
        }
        if (file === null) {
          io.error(`caplint run: ${command[0]}: command not found; nothing was run\n`);
          return 127;
        }
        const decision = decide(allowPartial);
        for (const gap of isolation.gaps) io.error(`caplint run: partial confinement: ${gap}.\n`);
        if (decision.partial) io.error(`caplint run: partial confinement: ${decision.partial}.\n`);
        const enforcer = (deps.enforcer ?? (await defaultEnforcer()))();
        return await launchAndWait(enforcer, decision.plan, childOwn, io, {
          signals: deps.signals ?? process,
          terminal: deps.stdinIsTerminal ? deps.stdinIsTerminal() : await stdinIsTerminal(),
          cgroup: { places: isolation.places, limits: isolation.limits },
        });
      } catch (error) {
        if (error instanceof UsageError || !(error instanceof CaplintError)) throw error;
        const suffix = error instanceof ConfinementRefused ? '' : '; nothing was run';
        const newer = !acceptUnknown(values) && /is not a system call/.test(error.message) ? ' (--accept-unknown-syscalls takes names newer than caplint\'s tables)' : '';
        io.error(`caplint run: ${terminalSafe(describeError(error))}${newer}${suffix}\n`);
        return 125;
      }
    },
  };
}

export default createRunCommand();

/** Whether standard input is a terminal; node:tty (with net and streams) loads only for a character device that may be one. */
async function stdinIsTerminal(): Promise<boolean> {
  return mayBeTerminal(0) && (await import('node:tty')).isatty(0);
}

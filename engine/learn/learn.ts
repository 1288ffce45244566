/**
 * `caplint learn` from options to files: the base profile, the recording
 * filter, the plan `run` would make, the run, then the learned (or merged)
 * profile and a summary on stderr.
 */
import { writeFileSync } from 'node:fs';
import type { Io } from '../cli/io.js';
import { readLastCap, readStatus } from '../../enforcer/proc-status.js';
import { decidePlan } from '../run/decide-plan.js';
import { resolveCommand } from '../run/resolve-command.js';
import { buildIntent } from '../run/run-intent.js';
import { loadRunProfile } from '../run/run-profile.js';
import type { SignalSource } from '../run/forward-signals.js';
import { baseTable } from './base-table.js';
import { recordingFilter } from './recording-filter.js';
import { runLearning } from './run-learning.js';
import { nameCalls } from './observed.js';
import { learnSeccomp, unusedSyscalls } from './learned-seccomp.js';
import { syscallNames } from '../linux/syscalls/index.js';
import { seccompJson } from './seccomp-json.js';
import { capabilitySentence, extendsRef, learnedCapabilities, profileJson, seccompPathFor } from './learned-profile.js';
import { mergeLearned, readPrevious } from './merge.js';
import type { Learned } from './merge.js';
import { CaplintError, UsageError, describeError } from '../errors.js';
import { summary, describeRun, isolationSentence } from './summary.js';
import { decideIsolation } from '../run/decide-isolation.js';
import { childUser } from '../run/child-user.js';

export interface LearnRequest {
  readonly command: readonly string[];
  readonly output: string;
  readonly base: string;
  readonly merge: string | null;
  readonly timeout: number | null;
}

/** What learn reads before it runs anything: a bad file stops it there (exit 2). */
function readInputs(request: LearnRequest, cwd: string) {
  const base = loadRunProfile(request.base, cwd);
  const intent = buildIntent({ profile: request.base, capAdd: [], capDrop: [] }, cwd);
  const table = baseTable(base.seccomp, intent.capabilities.bounding);
  return { base, intent, table, previous: request.merge ? readPrevious(request.merge) : null };
}

export async function learn(request: LearnRequest, io: Io, wait: { signals: SignalSource; terminal: boolean }): Promise<number> {
  let inputs: ReturnType<typeof readInputs>;
  try {
    inputs = readInputs(request, io.cwd);
  } catch (error) {
    if (!(error instanceof CaplintError) || error instanceof UsageError) throw error;
    io.error(`caplint learn: ${describeError(error)}; nothing was run\n`);
    return 2;
  }
  const { base, intent, table, previous } = inputs;
  const filter = recordingFilter(table);
  const file = resolveCommand(request.command[0]!, io.env.PATH, io.cwd);
  if (file === null) {
    io.error(`caplint learn: ${request.command[0]}: command not found; nothing was run\n`);
    return 127;
  }
  const lastCap = readLastCap();
  // The base's namespaces and limits, as `run` decides them; what cannot be made here is said, and learning goes on.
  const isolation = decideIsolation(intent.isolation, readStatus('self'), lastCap, true);
  const user = childUser(intent.user, isolation.childOwn, intent.isolation.mapTo, isolation.plan);
  const decision = decidePlan(
    { file, argv: request.command, env: io.env, capabilities: intent.capabilities, noNewPrivs: true, user, seccomp: { program: filter.program, flags: [], summary: '' }, allowPartial: true, isolation: isolation.plan },
    isolation.childOwn,
    lastCap,
  );
  for (const gap of [...isolation.gaps, ...(decision.partial ? [decision.partial] : [])]) io.error(`caplint learn: ${gap}; learning goes on (it is not confinement)\n`);
  const when = new Date();
  const result = await runLearning(decision.plan, filter, { timeoutSeconds: request.timeout, ...wait, cgroup: { places: isolation.places, limits: isolation.limits } });
  if (result.kind === 'ran') for (const note of result.notes) io.error(`caplint learn: ${note}\n`);
  if (result.kind === 'failed') {
    io.error(`caplint learn: ${result.message}; nothing was learned\n`);
    return result.exitCode;
  }
  if (!result.recording.listened) {
    io.error(`caplint learn: the recorder never received the command's calls${result.recording.error ? ` (${result.recording.error})` : ''}; nothing was written\n`);
    return 125;
  }
  const observation = nameCalls(result.recording.calls);
  const seccompLearned = learnSeccomp(observation.calls, table);
  const learned: Learned = {
    seccomp: seccompLearned,
    capabilities: learnedCapabilities(result.capabilities, base.allow),
    description: `${describeRun(request.command, when, request.base, result)}${isolationSentence(isolation)}; ${capabilitySentence(result.capabilities, base.allow)}.`,
    forbidden: unusedSyscalls(table, seccompLearned, base.forbiddenSyscalls, syscallNames),
  };
  const { seccomp, capabilities, description, forbidden } = previous ? mergeLearned(previous, learned) : learned;
  const seccompFile = seccompPathFor(request.output);
  try {
    writeFileSync(seccompFile, seccompJson(seccomp, `Learned by caplint learn: the system calls seen (see ${request.output.split('/').pop()}).`));
    writeFileSync(request.output, profileJson({ output: request.output, extends: extendsRef(base, request.output), capabilities, forbiddenSyscalls: forbidden, description }));
  } catch (error) {
    io.error(`caplint learn: the command ran, but ${request.output} could not be written: ${error instanceof Error ? error.message : String(error)}\n`);
    return 125;
  }
  io.error(summary({ request, result, observation, seccomp, capabilities, seccompFile, native: table.arches[0]!.arch }));
  return result.exitCode;
}

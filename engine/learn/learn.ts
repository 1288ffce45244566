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
import { mergeLearned } from './merge.js';
import { summary, describeRun } from './summary.js';

export interface LearnRequest {
  readonly command: readonly string[];
  readonly output: string;
  readonly base: string;
  readonly merge: string | null;
  readonly timeout: number | null;
}

export async function learn(request: LearnRequest, io: Io, wait: { signals: SignalSource; terminal: boolean }): Promise<number> {
  const base = loadRunProfile(request.base, io.cwd);
  const intent = buildIntent({ profile: request.base, capAdd: [], capDrop: [] }, io.cwd);
  const table = baseTable(base.seccomp, intent.capabilities.bounding);
  const filter = recordingFilter(table);
  const file = resolveCommand(request.command[0]!, io.env.PATH, io.cwd);
  if (file === null) {
    io.error(`caplint learn: ${request.command[0]}: command not found; nothing was run\n`);
    return 127;
  }
  const own = readStatus('self');
  const decision = decidePlan(
    { file, argv: request.command, env: io.env, capabilities: intent.capabilities, noNewPrivs: true, user: null, seccomp: { program: filter.program, flags: [], summary: '' }, allowPartial: true },
    own,
    readLastCap(),
  );
  if (decision.partial) io.error(`caplint learn: ${decision.partial}; learning goes on (it is not confinement)\n`);
  const when = new Date();
  const result = await runLearning(decision.plan, filter, { timeoutSeconds: request.timeout, ...wait });
  if (result.kind === 'failed') {
    io.error(`caplint learn: ${result.message}; nothing was learned\n`);
    return result.exitCode;
  }
  if (!result.recording.listened) {
    io.error(`caplint learn: the recorder never received the command's calls${result.recording.error ? ` (${result.recording.error})` : ''}; nothing was written\n`);
    return 125;
  }
  const observation = nameCalls(result.recording.calls);
  let seccomp = learnSeccomp(observation.calls, table);
  let capabilities = learnedCapabilities(result.capabilities, base.allow);
  let description = `${describeRun(request.command, when, request.base, result)}; ${capabilitySentence(result.capabilities, base.allow)}.`;
  let forbidden = unusedSyscalls(table, seccomp, base.forbiddenSyscalls, syscallNames);
  if (request.merge) ({ seccomp, capabilities, description, forbidden } = mergeLearned(request.merge, { seccomp, capabilities, description, forbidden }));
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

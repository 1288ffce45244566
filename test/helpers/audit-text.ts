/** Audit texts in-process: load with the real input formats, run a policy's rules. */
import type { InputFormatName } from '../../engine/inputs/format.js';
import { loadInputs } from '../../engine/audit/load-inputs.js';
import { loadPolicy } from '../../engine/policy/load-policy.js';
import { runRules } from '../../engine/runner/run-rules.js';

export async function auditText(file: string, text: string, policy = 'default', options: { format?: InputFormatName; cwd?: string; seccompRoot?: string } = {}) {
  const cwd = options.cwd ?? process.cwd();
  const loaded = await loadInputs([{ file, text }], options.format, { cwd, ...(options.seccompRoot ? { seccompRoot: options.seccompRoot } : {}) });
  const { rules } = await loadPolicy(policy, cwd);
  const run = runRules(loaded.subjects, rules);
  return { subjects: loaded.subjects.map((s) => s.subject), findings: run.findings, suppressed: run.suppressed, errors: [...loaded.errors, ...run.errors] };
}

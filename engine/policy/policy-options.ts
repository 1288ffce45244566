/**
 * A profile's fields as rule settings: each field turns on the rule that
 * enforces it, with the field's value as that rule's options.
 */
import type { RuleSettingValue } from '../config/rule-settings.js';
import { CaplintError } from '../errors.js';
import { checkProfileNames } from './profile-names.js';
import type { ResolvedProfile } from './profile.js';
import { parseQuantity } from './quantity.js';

export function policyOptions(profile: ResolvedProfile): (readonly [string, RuleSettingValue])[] {
  const { fields } = profile;
  const out: (readonly [string, RuleSettingValue])[] = [];
  checkProfileNames(profile);
  if (fields.capabilities) {
    out.push(['policy/capabilities', { options: { allow: fields.capabilities.allow } }]);
  }
  if (fields.noNewPrivileges) out.push(['privileges/no-new-privileges', 'on']);
  if (fields.forbiddenSyscalls) {
    out.push(['policy/forbidden-syscalls', { options: { syscalls: fields.forbiddenSyscalls } }]);
  }
  if (fields.namespaces) {
    const required = Object.entries(fields.namespaces).filter(([, v]) => v === 'isolated').map(([k]) => k);
    if (required.length) out.push(['policy/namespaces', { options: { required } }]);
  }
  const fs = fields.filesystem;
  if (fs?.readOnlyRootfs !== undefined) out.push(['privileges/read-only-rootfs', fs.readOnlyRootfs ? { options: { required: true } } : 'off']);
  if (fs?.maskedPaths || fs?.readonlyPaths) {
    const options = { ...(fs.maskedPaths ? { maskedPaths: fs.maskedPaths } : {}), ...(fs.readonlyPaths ? { readonlyPaths: fs.readonlyPaths } : {}) };
    out.push(['privileges/masked-paths', { options }]);
  }
  for (const [limit, requirement] of Object.entries(fields.limits ?? {})) {
    if (!requirement?.required) {
      out.push([`cgroups/${limit}-limit`, 'off']);
      continue;
    }
    const max = requirement.max === undefined ? undefined : parseQuantity(limit as 'memory' | 'pids' | 'cpu', requirement.max);
    if (max === null) throw placed(profile, 'limits', `limits.${limit}.max "${requirement.max}" is not a ${limit === 'memory' ? 'size such as 2Gi or 536870912' : 'positive number'}`);
    out.push([`cgroups/${limit}-limit`, { options: max === undefined ? {} : { max } }]);
  }
  return out;
}

function placed(profile: ResolvedProfile, field: string, message: string): CaplintError {
  return new CaplintError(`profile ${profile.name}: ${message}`, profile.place(field));
}

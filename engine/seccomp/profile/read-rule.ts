/**
 * One entry of `syscalls`: its names, action, arguments and, in Docker's
 * format, its includes/excludes. Facts from moby (profiles/seccomp/seccomp.go
 * types, seccomp_linux.go) and runc (seccomp_linux.go, getCondition).
 */
import type { CompareOp } from '../types.js';
import type { SeccompProfileSource } from '../../model/subject.js';
import type { ProfileArg, ProfileName, ProfileRule, RuleFilter } from './model.js';
import { join } from '../../model/pointer.js';
import { hint } from '../../linux/suggest.js';
import { readAction } from './actions.js';
import { errorAt, readU64, describe } from './place.js';
import { parseMinKernel } from './kernel.js';
import { stringList, objectAt } from './read-values.js';

const OPS: Readonly<Record<string, CompareOp>> = {
  SCMP_CMP_NE: 'NE', SCMP_CMP_LT: 'LT', SCMP_CMP_LE: 'LE', SCMP_CMP_EQ: 'EQ',
  SCMP_CMP_GE: 'GE', SCMP_CMP_GT: 'GT', SCMP_CMP_MASKED_EQ: 'MASKED_EQ',
};

/** Linux system calls take at most six arguments (runc: syscallMaxArguments). */
const MAX_ARGS = 6;

export function readRule(source: SeccompProfileSource, value: unknown, at: string, docker: boolean): ProfileRule {
  const rule = objectAt(source, at, value, 'a syscalls entry');
  const action = readAction(source, join(at, 'action'), rule['action'], join(at, 'errnoRet'), rule['errnoRet']);
  const includes = docker ? readFilter(source, rule['includes'], join(at, 'includes')) : NO_FILTER;
  const excludes = docker ? readFilter(source, rule['excludes'], join(at, 'excludes')) : NO_FILTER;
  const comment = typeof rule['comment'] === 'string' && rule['comment'] !== '' ? rule['comment'] : undefined;
  return { names: readNames(source, rule, at, docker), action, args: readArgs(source, rule['args'], join(at, 'args')), includes, excludes, pointer: at, ...(comment ? { comment } : {}) };
}

const NO_FILTER: RuleFilter = { arches: [], caps: [] };

/** `names`, or Docker's legacy `name`; moby rejects both at once. OCI has only `names`. */
function readNames(source: SeccompProfileSource, rule: Record<string, unknown>, at: string, docker: boolean): ProfileName[] {
  const hasName = docker && rule['name'] !== undefined && rule['name'] !== '';
  const names = stringList(source, join(at, 'names'), rule['names'], 'names');
  if (hasName) {
    if (names.length > 0) throw errorAt(source, join(at, 'name'), "both 'name' and 'names' are set; use either 'name' or 'names'");
    if (typeof rule['name'] !== 'string') throw errorAt(source, join(at, 'name'), `'name' must be a string, not ${describe(rule['name'])}`);
    return [{ name: rule['name'], pointer: join(at, 'name') }];
  }
  if (names.length === 0) throw errorAt(source, at, 'this syscalls entry names no syscall');
  return names.map((name, i) => ({ name, pointer: join(at, 'names', i) }));
}

function readArgs(source: SeccompProfileSource, value: unknown, at: string): ProfileArg[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw errorAt(source, at, `'args' must be an array, not ${describe(value)}`);
  return value.map((item, i) => {
    const argAt = join(at, i);
    const arg = objectAt(source, argAt, item, 'an argument comparison');
    const index = arg['index'];
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= MAX_ARGS) {
      throw errorAt(source, join(argAt, 'index'), `argument index must be 0 to 5 (syscalls take at most six arguments), not ${describe(index)}`);
    }
    const opName = arg['op'];
    const op = typeof opName === 'string' ? OPS[opName] : undefined;
    if (!op) {
      const shown = typeof opName === 'string' ? `"${opName}"` : describe(opName);
      throw errorAt(source, join(argAt, 'op'), `${shown} is not a comparison operator${typeof opName === 'string' ? hint(opName, Object.keys(OPS)) : ''}`);
    }
    const value = readU64(source, join(argAt, 'value'), arg['value'] ?? 0, 'value');
    const valueTwo = readU64(source, join(argAt, 'valueTwo'), arg['valueTwo'] ?? 0, 'valueTwo');
    return { index, op, value, valueTwo, pointer: argAt };
  });
}

function readFilter(source: SeccompProfileSource, value: unknown, at: string): RuleFilter {
  if (value === undefined || value === null) return NO_FILTER;
  const filter = objectAt(source, at, value, `'${at.split('/').pop()}'`);
  const arches = stringList(source, join(at, 'arches'), filter['arches'], 'arches');
  const caps = stringList(source, join(at, 'caps'), filter['caps'], 'caps');
  const min = filter['minKernel'];
  if (min === undefined || min === null || min === '') return { arches, caps };
  const minKernel = typeof min === 'string' ? parseMinKernel(min) : undefined;
  if (!minKernel) throw errorAt(source, join(at, 'minKernel'), `minKernel must be "<major>.<minor>" such as "4.8", not ${describe(min)}`);
  return { arches, caps, minKernel };
}

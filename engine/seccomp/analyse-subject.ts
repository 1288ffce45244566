/** The analysis of a subject's own seccomp profile, resolved against its bounding set: one per subject, shared by the rules. */
import type { Subject } from '../model/subject.js';
import { known } from '../model/query.js';
import { analyseProfile } from './analyse.js';
import type { ProfileAnalysis } from './analyse.js';

export function subjectProfile(subject: Subject): ProfileAnalysis | undefined {
  if (subject.seccomp.mode !== 'filter' || !subject.seccomp.profile) return undefined;
  return analyseProfile(subject.seccomp.profile, { caps: known(subject.capabilities.bounding) });
}

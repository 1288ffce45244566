/** Docker settings + where their fields are → a located Subject; unknown capability names are reported. */
import type { LocatedSubject, SourceDocument } from '../../model/located.js';
import { CAPABILITY_NAMES } from '../../linux/capabilities.js';
import { hint } from '../../linux/suggest.js';
import type { DockerSettings } from './settings.js';
import type { PlaceField } from './locate.js';
import { dockerLocator } from './locate.js';
import { dockerSubject } from './to-subject.js';

export function locatedDockerSubject(s: DockerSettings, place: PlaceField, document: SourceDocument, problem: (pointer: string, message: string) => void): LocatedSubject {
  const { subject, badCaps } = dockerSubject(s, document.file);
  for (const bad of badCaps) {
    const name = bad.name.toUpperCase().startsWith('CAP_') ? bad.name : `CAP_${bad.name}`;
    problem(place(bad.list === 'add' ? 'capAdd' : 'capDrop', bad.index), `"${bad.name}" is not a capability${hint(name, CAPABILITY_NAMES)}`);
  }
  return { subject, document, locate: dockerLocator(s, place) };
}

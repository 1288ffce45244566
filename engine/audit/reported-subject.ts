/**
 * What an audit keeps of an input once its rules have run: findings already
 * carry their file, line and column, so the parse tree, the line table, the
 * locator (which closes over the parsed document) and the seccomp profile
 * documents (with the analyses cached against them) can all go. The report
 * keeps the model, for formats that show subjects, and the text, for code
 * frames, and only for files that have findings.
 */
import type { LocatedSubject, SourceDocument } from '../model/located.js';
import type { SeccompState, Subject } from '../model/subject.js';

const NOWHERE = (): null => null;

/** A document reduced to its name and text; `span` places nothing any more. */
export function textOnly(document: SourceDocument): SourceDocument {
  return { file: document.file, text: document.text, span: () => undefined };
}

/** The seccomp state without the profile's parsed document and source. */
function slimSeccomp(seccomp: SeccompState): SeccompState {
  if (seccomp.mode !== 'filter' || !seccomp.profile) return seccomp;
  const { format, pointer, file } = seccomp.profile;
  return { ...seccomp, profile: { format, pointer, file, document: null } };
}

/**
 * The subjects of one input as the report keeps them. `withText` says which
 * files keep their text (those with findings); one reduced document is
 * shared by the subjects of one file.
 */
export function reportedSubjects(subjects: readonly LocatedSubject[], withText: (file: string) => boolean): LocatedSubject[] {
  const documents = new Map<SourceDocument, SourceDocument | null>();
  return subjects.map(({ subject, document }) => {
    let kept: SourceDocument | null = null;
    if (document) {
      if (!documents.has(document)) documents.set(document, withText(document.file) ? textOnly(document) : null);
      kept = documents.get(document)!;
    }
    const slim: Subject = subject.seccomp.mode === 'filter' && subject.seccomp.profile ? { ...subject, seccomp: slimSeccomp(subject.seccomp) } : subject;
    return { subject: slim, document: kept, locate: NOWHERE };
  });
}

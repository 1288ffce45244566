/**
 * Subjects go to the rule host a group at a time (prepare), as JSON, with
 * each seccomp profile document sent once and referred to by id. The
 * outcomes wait here until the runner asks for each rule's on each subject.
 */
import type { Subject } from '../model/subject.js';
import type { ActiveRule } from '../runner/run-rules.js';
import { profileDocumentText } from '../seccomp/analyse.js';
import type { RuleHost, RuleRef } from './rule-host.js';
import type { CheckedOutcome } from './host-replies.js';

interface SubjectText {
  readonly json: string;
  readonly document?: number;
}

const NOT_RUN: CheckedOutcome = { findings: [], errors: ['the rule did not run on this subject'], skipped: false, off: false };

export class SubjectBatch {
  private readonly refs = new Map<string, RuleRef>();
  private readonly off = new Set<string>();
  private outcomes = new Map<Subject, Map<string, CheckedOutcome>>();
  private readonly serialised = new WeakMap<Subject, SubjectText>();
  private readonly documents = new Map<number, string>();
  private readonly documentIds = new Map<string, number>();

  constructor(private readonly host: RuleHost) {}

  add(id: string, ref: RuleRef): void {
    this.refs.set(id, ref);
  }

  /** Runs every active custom rule on the group, with the options the policy gives each. */
  readonly prepare = async (subjects: readonly Subject[], active: readonly ActiveRule[]): Promise<void> => {
    this.outcomes = new Map();
    const chosen = active.filter((a) => this.refs.has(a.rule.id) && !this.off.has(a.rule.id));
    if (chosen.length === 0 || subjects.length === 0) return;
    const texts = subjects.map((s) => this.text(s));
    const results = await this.host.check(texts.map((t) => t.json), this.documents, texts.map((t) => t.document), chosen.map((a) => this.refs.get(a.rule.id)!), chosen.map((a) => a.options));
    subjects.forEach((subject, s) => {
      const row = new Map<string, CheckedOutcome>();
      chosen.forEach((a, r) => {
        const outcome = results[s]![r]!;
        if (outcome.off) this.off.add(a.rule.id);
        row.set(a.rule.id, outcome);
      });
      this.outcomes.set(subject, row);
    });
  };

  outcome(subject: Subject, id: string): CheckedOutcome {
    if (this.off.has(id) && !this.outcomes.get(subject)?.has(id)) return { findings: [], errors: [], skipped: true, off: true };
    return this.outcomes.get(subject)?.get(id) ?? NOT_RUN;
  }

  private text(subject: Subject): SubjectText {
    let found = this.serialised.get(subject);
    if (found) return found;
    const profile = subject.seccomp.mode === 'filter' ? subject.seccomp.profile : undefined;
    const doc = profile?.document;
    let document: number | undefined;
    if (doc !== null && typeof doc === 'object') {
      const text = profileDocumentText(doc);
      document = this.documentIds.get(text);
      if (document === undefined) {
        document = this.documentIds.size;
        this.documentIds.set(text, document);
        this.documents.set(document, text);
      }
    }
    // `origin` is the profile's source document (text and line table), not model data; the profile document goes by id.
    const json = JSON.stringify(subject, function (this: unknown, key, v: unknown) {
      if (key === 'origin') return undefined;
      if (key === 'document' && document !== undefined && this === profile) return { $document: document };
      return typeof v === 'bigint' ? v.toString() : v;
    });
    found = document === undefined ? { json } : { json, document };
    this.serialised.set(subject, found);
    return found;
  }
}

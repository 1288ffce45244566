/**
 * The shape of the Pod Security Standards rules: each implements one Pod
 * Security Admission check (version 1.37) over the Subject's podSecurity
 * facts, and names the control in every message.
 */
import { defineRule } from '../rule-api.js';
import type { ReportData, RuleDefinition } from '../rule-api.js';
import type { Severity } from '../model/finding.js';
import type { PodSecurityFacts } from '../model/pod-security.js';
import type { Subject } from '../model/subject.js';

export type PssLevel = 'baseline' | 'restricted';

export interface PssSpec {
  readonly id: string;
  /** The check's id in Pod Security Admission (`capabilities_restricted`). */
  readonly psaCheck: string;
  readonly level: PssLevel;
  /** The control's name in the Pod Security Standards. */
  readonly control: string;
  readonly severity: Severity;
  readonly title: string;
  readonly description: string;
  readonly messages: Readonly<Record<string, string>>;
  readonly rationale: string;
  readonly remediation: string;
  check(facts: PodSecurityFacts, report: (messageId: string, data: ReportData, at: string) => void, subject: Subject): void;
}

const DOCS = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';

export function pssRule(spec: PssSpec): RuleDefinition & { readonly psaCheck: string } {
  const suffix = ` [Pod Security ${spec.level}: ${spec.control}]`;
  const rule = defineRule({
    id: spec.id,
    meta: {
      severity: spec.severity,
      appliesTo: ['kubernetes', 'compose', 'docker'],
      os: ['linux', 'windows', 'other'],
      title: `${spec.title} (Pod Security ${spec.level}: ${spec.control})`,
      description: `${spec.description} Implements the Pod Security Admission check \`${spec.psaCheck}\` as of Kubernetes 1.37; compose and docker inspect inputs are judged on their equivalent fields.`,
      messages: Object.fromEntries(Object.entries(spec.messages).map(([id, text]) => [id, `${text}${suffix}`])),
      rationale: spec.rationale,
      remediation: spec.remediation,
      references: [`${DOCS}#${spec.level}`, `Pod Security Admission check ${spec.psaCheck} (k8s.io/pod-security-admission/policy)`],
    },
    check(subject, ctx) {
      const facts = subject.podSecurity;
      if (!facts) return;
      spec.check(facts, (id, data, at) => ctx.report(id, { workload: facts.workload, container: facts.container, ...data }, at), subject);
    },
  });
  return { ...rule, psaCheck: spec.psaCheck };
}

export function isWindows(facts: PodSecurityFacts): boolean {
  return facts.os === 'windows';
}

export function quote(values: readonly string[]): string {
  return values.map((v) => `"${v}"`).join(', ');
}

import { defineRule } from '../../engine/rule-api.js';
import type { SubjectKind } from '../../engine/model/subject.js';

/** How the program that consumes this kind of input reads a key written twice. */
const RUNTIME: Readonly<Record<string, (objects: boolean) => string>> = {
  oci: (objects) => (objects
    ? 'runc and containerd read config.json with Go\'s encoding/json, which merges the two objects field by field, while caplint kept only the second'
    : 'Go\'s encoding/json (runc, containerd) keeps the last value, strict decoders refuse the file, and caplint kept the last'),
  docker: (objects) => (objects ? 'Go\'s encoding/json merges the two objects field by field, while caplint kept only the second' : 'Go\'s encoding/json keeps the last value, and so did caplint, but strict decoders refuse the file'),
  kubernetes: (objects) => `the API server's strict field validation (kubectl's default) rejects a duplicate field; without it ${objects ? 'Go\'s encoding/json merges the two objects' : 'the last value wins'}, while caplint kept only the second`,
  compose: () => 'docker compose refuses a mapping key defined twice, while caplint kept the last',
};

export default defineRule({
  id: 'caplint/duplicate-keys',
  meta: {
    severity: 'high',
    appliesTo: ['oci', 'kubernetes', 'compose', 'docker'],
    os: ['linux', 'windows', 'other'],
    title: 'No key is written twice in one object',
    description: 'A JSON object or YAML mapping that names the same key twice is read differently by different programs: JSON.parse and most YAML readers keep the last value; Go\'s encoding/json, which runc, containerd and the Kubernetes API server use, merges two objects field by field and keeps the last scalar; the API server\'s strict field validation and docker compose reject the file. An OCI config with two "process" objects can therefore run with capabilities that a linter reading only the second never saw. The finding is high because the audit cannot vouch for what the runtime will do; caplint does not guess the merge.',
    messages: {
      repeated: '"{{key}}" is written twice in one object (first on line {{first}}): {{runtime}}; the runtime and caplint could read this file differently.',
    },
    rationale: 'A linter and a runtime that read the same file differently make the audit meaningless: the container can run with settings nobody reviewed.',
    remediation: 'Keep one "{{key}}" and move everything it should hold into it.',
    references: ['RFC 8259 section 4 (names within an object SHOULD be unique)', 'Go encoding/json: Unmarshal', 'kubectl --validate=strict', 'YAML 1.2 section 3.2.1.1 (mapping keys are unique)'],
  },
  check(subject, ctx) {
    const runtime = RUNTIME[subject.kind as SubjectKind] ?? RUNTIME.oci!;
    for (const repeated of subject.repeatedKeys ?? []) {
      const { line, column, endLine, endColumn } = repeated;
      ctx.report('repeated', { key: repeated.key, first: repeated.firstLine, runtime: runtime(repeated.objects) }, 'subject', { place: { line, column, endLine, endColumn } });
    }
  },
});

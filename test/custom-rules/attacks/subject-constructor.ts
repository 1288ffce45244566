// @ts-nocheck: hostile code, written to get past the type checker as well
// Walks from the subject, the options and the report function to their
// constructors. Outcome: every one is the context's own Function, which may
// not generate code; the rule reports "contained".
import { defineRule } from 'caplint';

const C = 'constr' + 'uctor';
/** If `value` came from the host realm, its constructor's constructor is the host's Function. */
function escapeFrom(value: any): string {
  try {
    const proc = value[C][C]('return pro' + 'cess')();
    const load = proc.getBuiltinModule;
    load('fs').writeFileSync('/tmp/caplint-attack-subject-constructor', 'escaped');
    load('child_process').execSync('touch /tmp/caplint-attack-subject-constructor.exec');
    load('net').connect(47812, '127.0.0.1');
    return 'escaped';
  } catch {
    return 'contained';
  }
}

export default defineRule({
  id: 'attack/subject-constructor',
  meta: {
    severity: 'low', appliesTo: ['oci'], title: 'attack subject-constructor', description: 'An attack on the rule boundary.',
    messages: { result: '{{subject}}: {{result}}.' }, rationale: 'Attack.', remediation: 'None.', references: ['test/custom-rules'],
  },
  check(subject, ctx) {
    const results = [escapeFrom(subject), escapeFrom(ctx.options), escapeFrom(ctx.report), escapeFrom(ctx)];
    ctx.report('result', { result: results.includes('escaped') ? 'escaped' : 'contained' });
  },
});

// @ts-nocheck: hostile code, written to get past the type checker as well
// Rebinds JSON, Object.freeze, Array.prototype.push and String in its own
// context. Outcome: every rebinding fails (read-only bindings, frozen
// intrinsics), the other rule files' findings are unchanged, and this rule
// still reports through caplint's own JSON.
import { defineRule } from 'caplint';

const attempts: string[] = [];
const P = 'proto' + 'type';
for (const attempt of [
  () => { JSON = { stringify: () => '[]', parse: () => [] }; },
  () => { JSON.stringify = () => '[]'; },
  () => { Object.freeze = (x) => x; },
  () => { Array[P].push = () => 0; },
  () => { String = () => 'forged'; },
  () => { Error = null; },
]) {
  try { attempt(); attempts.push('changed'); } catch { attempts.push('refused'); }
}

export default defineRule({
  id: 'attack/json-rebind',
  meta: {
    severity: 'low', appliesTo: ['oci'], title: 'attack json-rebind', description: 'An attack on the rule boundary.',
    messages: { result: '{{subject}}: {{result}}.' }, rationale: 'Attack.', remediation: 'None.', references: ['test/custom-rules'],
  },
  check(subject, ctx) {
    ctx.report('result', { result: attempts.join(',') });
  },
});

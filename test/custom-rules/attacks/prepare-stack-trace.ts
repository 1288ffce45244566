// @ts-nocheck: hostile code, written to get past the type checker as well
// Rebinds the context's Error (and, failing that, sets Error.prepareStackTrace) so
// that formatting a stack hands it a CallSite array; from a host-realm array,
// constructor.constructor is the host Function. Outcome: the binding is
// read-only and Error is frozen, so nothing is called; the rule reports
// "not called" or "contained", never "escaped".
import { defineRule } from 'caplint';

const C = 'constr' + 'uctor';
/** If `value` came from the host realm, its constructor's constructor is the host's Function. */
function escapeFrom(value: any): string {
  try {
    const proc = value[C][C]('return pro' + 'cess')();
    const load = proc.getBuiltinModule;
    load('fs').writeFileSync('/tmp/caplint-attack-prepare-stack-trace', 'escaped');
    load('child_process').execSync('touch /tmp/caplint-attack-prepare-stack-trace.exec');
    load('net').connect(47812, '127.0.0.1');
    return 'escaped';
  } catch {
    return 'contained';
  }
}

let result = 'not called';
try { Error = { prepareStackTrace: (e, sites) => { result = escapeFrom(sites); return ''; } }; } catch {}
try { Error['prepare' + 'StackTrace'] = (e, sites) => { result = escapeFrom(sites); return ''; }; } catch {}

export default defineRule({
  id: 'attack/prepare-stack-trace',
  meta: {
    severity: 'low', appliesTo: ['oci'], title: 'attack prepare-stack-trace', description: 'An attack on the rule boundary.',
    messages: { result: '{{subject}}: {{result}}.' }, rationale: 'Attack.', remediation: 'None.', references: ['test/custom-rules'],
  },
  check(subject, ctx) {
    try { void new RangeError('x').stack; } catch {}
    try { void new Error('y').stack; } catch {}
    ctx.report('result', { result });
  },
});

/**
 * `caplint serve --admission | --agent`: caplint as a long-running service on
 * a cluster. Each mode's modules load only here, so other commands never pay
 * for them.
 */
import type { Command } from '../cli/commands.js';
import type { Io } from '../cli/io.js';
import { oneOf, parse } from '../cli/args.js';
import { UsageError } from '../errors.js';
import { SEVERITIES } from '../model/finding.js';
import type { FailOn } from '../model/finding.js';
import { SERVE_OPTIONS } from '../serve/options.js';

const HELP = `Usage: caplint serve --admission --tls-cert FILE --tls-key FILE [options]
       caplint serve --agent [--port N] [--interval SECONDS] [options]

--admission: a Kubernetes validating admission webhook (admission.k8s.io/v1)
on HTTPS. POST /validate judges Pods and every workload with a pod template
with the rules, policy, config and fail-on \`caplint audit\` would use;
GET /healthz and /readyz. SIGHUP reloads the policy (a policy that does not
load keeps the previous one); certificate files are re-read when they change.

--agent: the node agent. Audits the running processes every --interval,
serves Prometheus metrics on GET /metrics (and /healthz), and prints one JSON
line per finding that appears or goes away.

Options:
  --port N               port to listen on (default 8443 with --admission, 9090 with --agent)
  --address ADDR         address to listen on (default 0.0.0.0)
  --tls-cert FILE        PEM certificate chain (--admission)
  --tls-key FILE         PEM private key (--admission)
  --policy NAME|FILE     as for caplint audit
  --fail-on SEVERITY     ${[...SEVERITIES, 'never'].join('|')}: deny at or above it (default high)
  --config FILE          caplint.config.json (default: the nearest one up from here)
  --no-config            ignore caplint.config.json files
  --rule-file FILE       a custom rule (repeatable)
  --seccomp-root DIR     where Localhost seccomp profiles live
  --max-body N           largest AdmissionReview accepted, in bytes (default 8 MiB)
  --interval SECONDS     time between live scans (--agent; default 30)
  --no-filters           do not dump seccomp filters (--agent)
  --reference PID        the process whose namespaces count as the host's (--agent; default 1)
  --cgroup PATH          only processes in this cgroup or below it (--agent)
`;

const serve: Command = {
  summary: 'run as an admission webhook or a node agent',
  async run(args: readonly string[], io: Io): Promise<number> {
    const { values, positionals } = parse('serve', args, SERVE_OPTIONS);
    if (values.help) {
      io.write(HELP);
      return 0;
    }
    if (positionals.length) throw new UsageError(`caplint serve takes no paths; got "${positionals[0]}"`);
    if (values.admission === values.agent) throw new UsageError('caplint serve: give exactly one of --admission or --agent');
    const failOn = values['fail-on'] === undefined ? undefined : oneOf<FailOn>('fail-on', values['fail-on'], [...SEVERITIES, 'never'], 'high');
    if (values.admission) {
      const { serveAdmission } = await import('../serve/admission/main.js');
      return serveAdmission(values, failOn, io);
    }
    const { serveAgent } = await import('../serve/agent/main.js');
    return serveAgent(values, failOn, io);
  },
};

export default serve;

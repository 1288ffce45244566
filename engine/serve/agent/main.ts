/** `caplint serve --agent`: flags → a running node agent, until SIGTERM. */
import type { Io } from '../../cli/io.js';
import type { FailOn } from '../../model/finding.js';
import { UsageError } from '../../errors.js';
import { liveScanOptions } from '../../audit/live-options.js';
import type { ServeValues } from '../options.js';
import { ruleOptions, wholeNumber } from '../options.js';
import { startAgent } from './agent.js';
import { untilStopped } from '../until-stopped.js';

export async function serveAgent(values: ServeValues, failOn: FailOn | undefined, io: Io): Promise<number> {
  for (const flag of ['tls-cert', 'tls-key', 'max-body'] as const)
    if (values[flag] !== undefined) throw new UsageError(`--${flag} is for --admission`);
  const seconds = wholeNumber('interval', values.interval, 30, 1, 86400);
  const agent = await startAgent({
    host: values.address ?? '0.0.0.0',
    port: wholeNumber('port', values.port, 9090, 0, 65535),
    intervalMs: seconds * 1000,
    scan: liveScanOptions({ ...(values.reference !== undefined ? { reference: values.reference } : {}), ...(values.cgroup !== undefined ? { cgroup: values.cgroup } : {}), 'no-filters': values['no-filters'] === true }),
    rules: ruleOptions(values, failOn, io.cwd),
    event: (line) => io.write(`${line}\n`),
    log: (line) => io.error(`${line}\n`),
  });
  io.error(`caplint serve: node agent metrics on http://${values.address ?? '0.0.0.0'}:${agent.port}/metrics (a scan every ${seconds} s)\n`);
  await untilStopped(() => agent.close(), () => agent.reload());
  return 0;
}

/** `caplint serve --admission`: flags → a running webhook, until SIGTERM. */
import { resolve } from 'node:path';
import type { Io } from '../../cli/io.js';
import type { FailOn } from '../../model/finding.js';
import { UsageError } from '../../errors.js';
import type { ServeValues } from '../options.js';
import { ruleOptions, wholeNumber } from '../options.js';
import { DEFAULT_MAX_BODY, startWebhook } from './webhook.js';
import { untilStopped } from '../until-stopped.js';

export async function serveAdmission(values: ServeValues, failOn: FailOn | undefined, io: Io): Promise<number> {
  if (values['tls-cert'] === undefined || values['tls-key'] === undefined)
    throw new UsageError('caplint serve --admission needs --tls-cert FILE and --tls-key FILE (the API server calls webhooks over HTTPS only)');
  if (values.interval !== undefined || values['no-filters'] || values.reference !== undefined || values.cgroup !== undefined)
    throw new UsageError('--interval, --no-filters, --reference and --cgroup are for --agent');
  const webhook = await startWebhook({
    host: values.address ?? '0.0.0.0',
    port: wholeNumber('port', values.port, 8443, 0, 65535),
    tls: { cert: resolve(io.cwd, values['tls-cert']), key: resolve(io.cwd, values['tls-key']) },
    maxBodyBytes: wholeNumber('max-body', values['max-body'], DEFAULT_MAX_BODY, 1024, 64 * 1024 * 1024),
    judge: {
      ...ruleOptions(values, failOn, io.cwd),
      ...(values['seccomp-root'] !== undefined ? { seccompRoot: resolve(io.cwd, values['seccomp-root']) } : {}),
    },
    decision: (line) => io.write(`${line}\n`),
    log: (line) => io.error(`${line}\n`),
  });
  const judge = webhook.current();
  io.error(`caplint serve: admission webhook on https://${values.address ?? '0.0.0.0'}:${webhook.port}/validate (policy ${judge.policy}, fail-on ${judge.failOn})\n`);
  await untilStopped(() => webhook.close(), () => webhook.reload());
  return 0;
}

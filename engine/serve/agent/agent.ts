/**
 * The node agent: a live scan every interval (never two at once), metrics on
 * GET /metrics, /healthz, and one JSON line per finding that appears or goes
 * away. A scan that fails is counted and logged; the previous scan's numbers
 * stay until one succeeds.
 */
import type { Finding } from '../../model/finding.js';
import type { LiveOptions } from '../../audit/load-processes.js';
import type { PrepareOptions } from '../../audit/prepare.js';
import type { ActiveRule } from '../../runner/run-rules.js';
import { prepareStrict } from '../../audit/prepare.js';
import { describeError } from '../../errors.js';
import { startServer } from '../http/server.js';
import type { NodeScan } from './node-scan.js';
import { scanNode } from './node-scan.js';
import { changeLine, changes, findingKey } from './changes.js';
import { renderMetrics } from './metrics.js';
import { inUse } from '../in-use.js';
import type { InUse } from '../in-use.js';

/** The scan's rules, held until the scans using them have finished. */
async function loadRules(options: PrepareOptions): Promise<InUse<readonly ActiveRule[]>> {
  const prepared = await prepareStrict(options);
  return inUse(prepared.settings.rulesFor(''), () => prepared.ruleSet.close());
}

export interface AgentOptions {
  readonly host: string;
  readonly port: number;
  readonly intervalMs: number;
  readonly scan: LiveOptions;
  readonly rules: PrepareOptions;
  /** One JSON line per new or resolved finding. */
  event(line: string): void;
  log(line: string): void;
}

export interface Agent {
  readonly port: number;
  /** Runs a scan now (or waits for the one under way) and returns it. */
  scanNow(): Promise<NodeScan | undefined>;
  /** Loads the rule set again; false (and the old one kept) when it fails. */
  reload(): Promise<boolean>;
  close(): Promise<void>;
}

export async function startAgent(options: AgentOptions): Promise<Agent> {
  let rules = await loadRules(options.rules);
  let last: NodeScan | undefined;
  let known = new Map<string, Finding>();
  const counters = { scans: 0, failedScans: 0, lastScanTime: 0 };
  let running: Promise<NodeScan | undefined> | undefined;
  const scanOnce = async () => {
    try {
      const scan = await rules.use((active) => scanNode(active, options.scan));
      const diff = changes(known, scan.findings, (f) => findingKey(f, f.pid === undefined ? undefined : scan.identities.get(f.pid)));
      const now = new Date();
      for (const change of diff.changes) options.event(changeLine(change, scan.namespaces.get(change.finding.subject), now));
      known = diff.current;
      last = scan;
      counters.scans++;
      counters.lastScanTime = now.getTime() / 1000;
    } catch (error) {
      counters.failedScans++;
      options.log(`caplint serve: the scan failed: ${describeError(error)}`);
    }
    return last;
  };
  const scanNow = () => (running ??= scanOnce().finally(() => (running = undefined)));
  const server = await startServer({
    host: options.host, port: options.port, maxBodyBytes: 0, log: options.log,
    routes: {
      '/metrics': { method: 'GET', handle: () => ({ status: 200, body: renderMetrics(last, counters), type: 'text/plain; version=0.0.4; charset=utf-8' }) },
      '/healthz': { method: 'GET', handle: () => ({ status: 200, body: 'ok\n' }) },
    },
  });
  await scanNow();
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    timer = setTimeout(() => void scanNow().then(schedule), options.intervalMs);
    timer.unref?.();
  };
  schedule();
  return {
    port: server.port,
    scanNow,
    async reload() {
      try {
        const next = await loadRules(options.rules);
        // What is in place now, not when this reload began: with two reloads at once, each retires what it replaced.
        const previous = rules;
        rules = next;
        void previous.retire();
        options.log('caplint serve: reloaded the policy');
        return true;
      } catch (error) {
        options.log(`caplint serve: the policy did not reload, keeping the previous one: ${describeError(error)}`);
        return false;
      }
    },
    async close() {
      clearTimeout(timer);
      await running;
      await server.close();
      await rules.retire();
    },
  };
}

/**
 * `caplint serve --admission` as the manifests run it: a real process, its
 * flags, SIGHUP reloading the config (and keeping the old policy when the new
 * one breaks), SIGTERM stopping it with 0; usage errors exit 2.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caplint } from '../helpers/cli.js';
import { haveOpenssl, httpsCall, makeTestCa } from '../helpers/test-ca.js';
import type { TestCa } from '../helpers/test-ca.js';
import { startServe } from '../helpers/serve-process.js';
import type { Served } from '../helpers/serve-process.js';
import { admissionReview } from '../helpers/admission-review.js';

const privileged = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'busybox', securityContext: { privileged: true } }] } };

describe('caplint serve usage', () => {
  it('needs exactly one mode, and TLS files for the webhook', async () => {
    expect(await caplint(['serve'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/exactly one of --admission or --agent/) });
    expect(await caplint(['serve', '--admission'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/needs --tls-cert FILE and --tls-key FILE/) });
    expect(await caplint(['serve', '--admission', '--tls-cert', 'a', '--tls-key', 'b', '--port', '70000'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/--port must be a whole number from 0 to 65535/) });
    expect(await caplint(['serve', '--admission', '--tls-cert', 'nope.crt', '--tls-key', 'nope.key', '--port', '0', '--no-config'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/nope.crt: cannot read the TLS certificate: no such file/) });
  });
});

if (!haveOpenssl) console.warn('SKIPPED: the caplint serve --admission process test because the openssl command is not installed');

describe.skipIf(!haveOpenssl)('caplint serve --admission, the process', () => {
  let ca: TestCa;
  let dir: string;
  let served: Served;
  beforeAll(async () => {
    ca = makeTestCa();
    dir = mkdtempSync(join(tmpdir(), 'caplint-serve-'));
    writeFileSync(join(dir, 'caplint.config.json'), JSON.stringify({ policy: 'pss-baseline' }));
    served = await startServe(['--admission', '--tls-cert', ca.cert, '--tls-key', ca.key, '--port', '0', '--address', '127.0.0.1'], dir);
  }, 30_000);
  afterAll(async () => {
    if (served && served.child.exitCode === null) served.child.kill('SIGKILL');
    ca?.remove();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('judges, reloads on SIGHUP, keeps the old policy when the new one fails, and stops on SIGTERM', async () => {
    const verdict = async () => JSON.parse((await httpsCall(served.port, ca.ca, '/validate', JSON.stringify(admissionReview(privileged, { uid: 'cli-1' })))).body).response;
    expect(served.stderr()).toMatch(/policy Kubernetes Pod Security Standards, baseline .*, fail-on high/);
    const first = await verdict();
    expect(first).toMatchObject({ uid: 'cli-1', allowed: false });
    expect(JSON.parse(served.stdout().trim().split('\n').at(-1)!)).toMatchObject({ uid: 'cli-1', allowed: false, rules: ['pss/privileged'] });

    writeFileSync(join(dir, 'caplint.config.json'), '{ "policy": "pss-baseline", "failOn": "sometimes" }');
    served.child.kill('SIGHUP');
    await served.waitFor(/did not reload, keeping the one loaded at/);
    expect((await verdict()).allowed).toBe(false);

    writeFileSync(join(dir, 'caplint.config.json'), JSON.stringify({ policy: 'pss-baseline', failOn: 'never' }));
    served.child.kill('SIGHUP');
    await served.waitFor(/reloaded the policy: .*fail-on never/);
    expect((await verdict()).allowed).toBe(true);
    expect((await httpsCall(served.port, ca.ca, '/readyz')).body).toMatch(/^ready: policy /);
    expect(await served.stop()).toBe(0);
  }, 60_000);
});

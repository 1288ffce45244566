/**
 * A throw-away certificate authority and a serving certificate for
 * 127.0.0.1, made with the openssl command line in a temporary folder.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:https';
import { haveTool } from './processes.js';

export interface TestCa {
  readonly dir: string;
  readonly ca: Buffer;
  readonly cert: string;
  readonly key: string;
  /** Signs a new serving certificate into `cert`/`key` (a rotation); returns its serial. */
  issue(into?: { cert: string; key: string }): string;
  remove(): void;
}

export const haveOpenssl = haveTool('openssl');

function openssl(args: readonly string[], cwd: string): string {
  return execFileSync('openssl', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export function makeTestCa(): TestCa {
  const dir = mkdtempSync(join(tmpdir(), 'caplint-ca-'));
  openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=caplint test CA'], dir);
  writeFileSync(join(dir, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  let n = 0;
  const issue = (into = { cert: join(dir, 'tls.crt'), key: join(dir, 'tls.key') }) => {
    n++;
    openssl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', `s${n}.key`, '-out', `s${n}.csr`, '-subj', '/CN=caplint-webhook'], dir);
    openssl(['x509', '-req', '-in', `s${n}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-set_serial', String(1000 + n), '-days', '1', '-extfile', 'ext.cnf', '-out', `s${n}.crt`], dir);
    // The key first, then the certificate, as a rotation that writes in place would.
    writeFileSync(into.key, readFileSync(join(dir, `s${n}.key`)));
    writeFileSync(into.cert, readFileSync(join(dir, `s${n}.crt`)));
    return (1000 + n).toString(16).toUpperCase();
  };
  const cert = join(dir, 'tls.crt');
  const key = join(dir, 'tls.key');
  issue({ cert, key });
  return { dir, ca: readFileSync(join(dir, 'ca.crt')), cert, key, issue, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Response {
  readonly status: number;
  readonly body: string;
  /** Serial number of the certificate the server presented (hex, upper case). */
  readonly serial: string;
}

export function httpsCall(port: number, ca: Buffer, path: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: body === undefined ? 'GET' : 'POST', ca, agent: false, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), serial: ((res.socket as import('node:tls').TLSSocket).getPeerCertificate?.()?.serialNumber ?? '').replace(/^0+/, '') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

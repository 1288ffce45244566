/**
 * Default-policy checks a new user would expect: procMount Unmasked, a host
 * mount of a directory that holds a sensitive path, and gid 0. Each fires
 * at the line that causes it, in every input format that has the field.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditText } from '../helpers/audit-text.js';
import { hardened, HARDENED_PATH, lint, lineOf } from '../helpers/oci.js';

const hardenedInspect = () => JSON.parse(readFileSync(HARDENED_PATH.replace('oci/hardened/config.json', 'docker-inspect/hardened.json'), 'utf8')) as Record<string, any>[];

function pod(container: string, podExtra = ''): string {
  return [
    'apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', podExtra, '  containers:', '  - name: c', '    image: x', container, '',
  ].filter((l) => l !== '').join('\n');
}

async function hits(file: string, text: string, rule: string) {
  const { findings, errors } = await auditText(file, text);
  expect(errors).toEqual([]);
  return findings.filter((f) => f.ruleId === rule).map((f) => `${f.line} ${f.severity} ${f.message}`);
}

describe('privileges/unmasked-proc', () => {
  const rule = 'privileges/unmasked-proc';

  it('passes procMount Default and an unset procMount', async () => {
    expect(await hits('p.yaml', pod('    securityContext: {procMount: Default}'), rule)).toEqual([]);
    expect(await hits('p.yaml', pod('    securityContext: {runAsUser: 1000}'), rule)).toEqual([]);
  });

  it('reports procMount: Unmasked under the default policy at its line, high without a user namespace', async () => {
    const text = pod('    securityContext:\n      runAsUser: 1000\n      procMount: Unmasked');
    expect(await hits('p.yaml', text, rule)).toEqual([
      `${lineOf(text, 'procMount')} high Pod/p container c sets procMount: Unmasked without a user namespace: /proc and /sys are not masked.`,
    ]);
  });

  it('is low in a pod with hostUsers: false', async () => {
    const text = pod('    securityContext:\n      procMount: Unmasked', '  hostUsers: false');
    expect((await hits('p.yaml', text, rule)).map((h) => h.split(' ').slice(0, 2).join(' '))).toEqual([`${lineOf(text, 'procMount')} low`]);
  });

  it('reports compose and docker security_opt systempaths=unconfined at the option', async () => {
    const compose = 'services:\n  web:\n    image: x\n    security_opt:\n      - no-new-privileges:true\n      - systempaths=unconfined\n';
    expect(await hits('compose.yaml', compose, rule)).toEqual([
      '6 high service "web" sets systempaths=unconfined without a user namespace: /proc and /sys are not masked.',
    ]);
    const inspect = hardenedInspect();
    inspect[0]!.HostConfig.SecurityOpt = ['no-new-privileges:true', 'systempaths=unconfined'];
    const text = `${JSON.stringify(inspect, null, 2)}\n`;
    expect((await hits('inspect.json', text, rule)).map((h) => h.split(' ').slice(0, 2).join(' '))).toEqual([`${lineOf(text, '"systempaths=unconfined"')} high`]);
  });
});

describe('mounts/no-sensitive-host-paths: parents of sensitive paths', () => {
  const rule = 'mounts/no-sensitive-host-paths';

  it('compose: /var and /var/lib read-only are flagged by what they hold; /srv/../etc is /etc; /srv and relative paths pass', async () => {
    const text = [
      'services:', '  web:', '    image: x', '    volumes:',
      '      - /var:/hostvar', '      - /var/lib:/var/lib:ro', '      - /srv/../etc:/x', '      - /srv/data:/data', '      - ./var:/rel', '      - /var/lib/docker/volumes/v:/v:ro', '',
    ].join('\n');
    expect(await hits('compose.yaml', text, rule)).toEqual([
      '5 critical service "web" mounts the host\'s /var at /hostvar read-write, which holds /var/run/docker.sock.',
      '6 medium service "web" mounts the host\'s /var/lib at /var/lib (read-only), which holds /var/lib/docker.',
      '7 high service "web" mounts the host\'s /srv/../etc at /x read-write.',
      '10 medium service "web" mounts the host\'s /var/lib/docker/volumes/v at /v (read-only).',
    ]);
  });

  it('docker inspect: a bind of /var/lib in HostConfig.Binds', async () => {
    const inspect = hardenedInspect();
    inspect[0]!.HostConfig.Binds = ['/var/lib:/hostlib'];
    const text = `${JSON.stringify(inspect, null, 2)}\n`;
    expect(await hits('inspect.json', text, rule)).toEqual([
      `${lineOf(text, '"/var/lib:/hostlib"')} high container "web" mounts the host's /var/lib at /hostlib read-write, which holds /var/lib/docker.`,
    ]);
  });

  it('Kubernetes: a hostPath of /var at the volume\'s hostPath line; a read-only /run/containerd stays critical', async () => {
    const text = [
      'apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: c', '    image: x', '    volumeMounts:',
      '    - {name: var, mountPath: /hostvar}', '    - {name: ctr, mountPath: /ctr, readOnly: true}', '    - {name: srv, mountPath: /srv}',
      '  volumes:', '  - name: var', '    hostPath: {path: /var}', '  - name: ctr', '    hostPath:', '      path: /run/containerd/', '  - name: srv', '    hostPath: {path: /srv}', '',
    ].join('\n');
    expect((await hits('p.yaml', text, rule)).map((h) => h.split(' ').slice(0, 2).join(' '))).toEqual([
      `${lineOf(text, 'hostPath: {path: /var}')} critical`,
      `${lineOf(text, 'hostPath:\n      path: /run')} critical`,
    ]);
  });

  it('OCI: bind mounts of /var/lib (read-only) and /run/crio are flagged, /srv is not', async () => {
    const config = hardened();
    config.mounts.push(
      { destination: '/hostlib', type: 'bind', source: '/var/lib', options: ['rbind', 'ro'] },
      { destination: '/crio', type: 'bind', source: '/run/crio', options: ['rbind', 'ro'] },
      { destination: '/srv', type: 'bind', source: '/srv', options: ['rbind'] },
    );
    const { text, findings } = await lint(config, rule);
    expect(findings.map((f) => [f.severity, f.line, f.message])).toEqual([
      ['medium', lineOf(text, '"destination": "/hostlib"') - 1, 'container "app" mounts the host\'s /var/lib at /hostlib (read-only), which holds /var/lib/docker.'],
      ['critical', lineOf(text, '"destination": "/crio"') - 1, 'container "app" mounts the host\'s /run/crio at /crio (read-only), which holds /run/crio/crio.sock.'],
    ]);
  });
});

describe('privileges/no-root-group', () => {
  const rule = 'privileges/no-root-group';

  it('Kubernetes: the pod\'s runAsGroup: 0 is inherited and placed at the pod field; a container override passes', async () => {
    const inherited = pod('    securityContext: {runAsUser: 1000}', '  securityContext:\n    runAsGroup: 0');
    expect(await hits('p.yaml', inherited, rule)).toEqual([`${lineOf(inherited, 'runAsGroup: 0')} low Pod/p container c runs as uid 1000 in group 0 (root).`]);
    const overridden = pod('    securityContext: {runAsUser: 1000, runAsGroup: 1000}', '  securityContext:\n    runAsGroup: 0');
    expect(await hits('p.yaml', overridden, rule)).toEqual([]);
    const own = pod('    securityContext:\n      runAsUser: 1000\n      runAsGroup: 0', '  securityContext:\n    runAsGroup: 1000');
    expect(await hits('p.yaml', own, rule)).toEqual([`${lineOf(own, 'runAsGroup: 0')} low Pod/p container c runs as uid 1000 in group 0 (root).`]);
  });

  it('Kubernetes: root (uid 0) and hostUsers: false are left to other rules; an unset group is the image\'s', async () => {
    expect(await hits('p.yaml', pod('    securityContext: {runAsUser: 0, runAsGroup: 0}'), rule)).toEqual([]);
    expect(await hits('p.yaml', pod('    securityContext: {runAsUser: 1000, runAsGroup: 0}', '  hostUsers: false'), rule)).toEqual([]);
    expect(await hits('p.yaml', pod('    securityContext: {runAsUser: 1000}'), rule)).toEqual([]);
  });

  it('OCI: process.user.gid 0 passes in a user namespace; without one it is low, medium with a writable host bind mount', async () => {
    const config = hardened();
    config.process.user.gid = 0;
    expect((await lint(config, rule)).findings).toEqual([]);
    config.linux.namespaces = config.linux.namespaces.filter((n: { type: string }) => n.type !== 'user');
    delete config.linux.uidMappings;
    delete config.linux.gidMappings;
    const low = await lint(config, rule);
    expect(low.findings.map((f) => [f.severity, f.line, f.message])).toEqual([['low', lineOf(low.text, '"gid": 0'), 'container "app" runs as uid 1000 in group 0 (root).']]);
    config.mounts.push({ destination: '/data', type: 'bind', source: '/srv/data', options: ['rbind'] });
    const medium = await lint(config, rule);
    expect(medium.findings.map((f) => [f.severity, f.line])).toEqual([['medium', lineOf(medium.text, '"gid": 0')]]);
    config.process.user.uid = 0;
    expect((await lint(config, rule)).findings).toEqual([]);
  });

  it('supplementary groups: Kubernetes supplementalGroups and fsGroup, OCI additionalGids, compose group_add, docker GroupAdd', async () => {
    const supplemental = pod('    securityContext: {runAsUser: 1000, runAsGroup: 1000}', '  securityContext:\n    supplementalGroups: [4, 0]\n    fsGroup: 2000');
    expect(await hits('p.yaml', supplemental, rule)).toEqual([`${lineOf(supplemental, 'supplementalGroups')} low Pod/p container c runs as uid 1000 with group 0 (root) among its supplementary groups.`]);
    const fsGroup = pod('    securityContext: {runAsUser: 1000, runAsGroup: 1000}', '  securityContext:\n    supplementalGroups: [4]\n    fsGroup: 0');
    const fsHits = await hits('p.yaml', fsGroup, rule);
    expect(fsHits.map((h) => h.split(' ').slice(0, 2).join(' '))).toEqual([`${lineOf(fsGroup, 'fsGroup: 0')} low`]);
    expect(await hits('p.yaml', pod('    securityContext: {runAsUser: 1000, runAsGroup: 1000}', '  securityContext:\n    supplementalGroups: [4]\n    fsGroup: 2000'), rule)).toEqual([]);

    const config = hardened();
    config.linux.namespaces = config.linux.namespaces.filter((n: { type: string }) => n.type !== 'user');
    delete config.linux.uidMappings;
    delete config.linux.gidMappings;
    config.process.user.additionalGids = [10, 0];
    const oci = await lint(config, rule);
    expect(oci.findings.map((f) => [f.severity, f.line])).toEqual([['low', lineOf(oci.text, '"additionalGids"') + 2]]);

    const compose = (groups: string) => `services:\n  web:\n    image: x\n    user: "1000:1000"\n    group_add:\n${groups}`;
    expect(await hits('compose.yaml', compose('      - video\n      - root\n'), rule)).toEqual(['7 low service "web" runs as uid 1000 with group 0 (root) among its supplementary groups.']);
    expect(await hits('compose.yaml', compose('      - video\n      - 44\n'), rule)).toEqual([]);
    const inspect = hardenedInspect();
    inspect[0]!.HostConfig.GroupAdd = ['audio', '0'];
    const text = `${JSON.stringify(inspect, null, 2)}\n`;
    expect((await hits('inspect.json', text, rule)).map((h) => h.split(' ').slice(0, 2).join(' '))).toEqual([`${lineOf(text, '"0"')} low`]);
  });

  it('compose user "1000:0" and docker Config.User "1000:0" at the user field; "1000:1000" and "1000" pass', async () => {
    const compose = (user: string) => `services:\n  web:\n    image: x\n    read_only: true\n    user: "${user}"\n`;
    expect(await hits('compose.yaml', compose('1000:0'), rule)).toEqual(['5 low service "web" runs as uid 1000 in group 0 (root).']);
    expect(await hits('compose.yaml', compose('1000:root'), rule)).toEqual(['5 low service "web" runs as uid 1000 in group 0 (root).']);
    expect(await hits('compose.yaml', compose('1000:1000'), rule)).toEqual([]);
    expect(await hits('compose.yaml', compose('1000'), rule)).toEqual([]);
    const inspect = hardenedInspect();
    inspect[0]!.Config.User = '10001:0';
    const text = `${JSON.stringify(inspect, null, 2)}\n`;
    expect(await hits('inspect.json', text, rule)).toEqual([`${lineOf(text, '"User"')} low container "web" runs as uid 10001 in group 0 (root).`]);
  });
});

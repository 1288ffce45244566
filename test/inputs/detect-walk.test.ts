/** Format detection by content, and the directory walk that picks up what sniffs as a format. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../engine/inputs/detect.js';
import { collectInputs } from '../../engine/inputs/collect.js';

describe('format detection', () => {
  it.each([
    ['{"ociVersion": "1.2.0"}', 'oci'],
    ['[{"Id": "abc", "HostConfig": {}}]', 'docker'],
    ['apiVersion: v1\nkind: Pod\n', 'kubernetes'],
    ['---\n# a chart\napiVersion: apps/v1\nkind: Deployment\n', 'kubernetes'],
    ['apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Pod\n', 'kubernetes'],
    ['{"apiVersion": "v1", "kind": "Pod"}', 'kubernetes'],
    ['x-common: &c\n  restart: always\nservices:\n  web:\n    image: x\n', 'compose'],
    ['on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n', undefined],
    ['{"name": "pkg", "version": "1.0.0"}', undefined],
  ])('%j → %s', (text, format) => {
    expect(detectFormat(text, 'x')).toBe(format);
  });

  it('a directory walk takes config.json and YAML/JSON that sniff as a format, and skips the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'caplint-walk-'));
    mkdirSync(join(dir, 'k8s'));
    mkdirSync(join(dir, '.github'));
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  web:\n    image: x\n');
    writeFileSync(join(dir, 'docker-compose.override.yml'), 'services:\n  web:\n    privileged: true\n');
    writeFileSync(join(dir, 'k8s', 'deploy.yaml'), 'apiVersion: apps/v1\nkind: Deployment\n');
    writeFileSync(join(dir, 'inspect.json'), '[{"Id": "1", "HostConfig": {}}]');
    writeFileSync(join(dir, 'package.json'), '{"name": "x"}');
    writeFileSync(join(dir, '.github', 'ci.yml'), 'on: push\n');
    const { inputs, errors } = await collectInputs(['.'], { cwd: dir, maxBytes: 1 << 20, readStdin: async () => '' });
    expect(errors).toEqual([]);
    expect(inputs.map((i) => i.file).sort()).toEqual(['compose.yaml', 'docker-compose.override.yml', 'inspect.json', 'k8s/deploy.yaml']);
  });
});

/**
 * The real process's output (engine/cli/fd-output.ts): writes go straight to
 * descriptors 1 and 2, a reader that goes away ends the output quietly, a
 * descriptor that would block falls back to Node's stream without losing or
 * reordering a byte, and a terminal is still recognised (colour, width).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, fstatSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mayBeTerminal } from '../../engine/cli/fd-output.js';

const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'bin/caplint.js');
const dir = mkdtempSync(join(tmpdir(), 'caplint-output-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function has(program: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${program}`]).status === 0;
}

describe('output of the real process', () => {
  it('is written whole to a file, and equals what a pipe receives', () => {
    const file = join(dir, 'out.json');
    const fd = openSync(file, 'w');
    const r = spawnSync(process.execPath, [BIN, 'audit', 'examples', '--format', 'json', '--fail-on', 'never'], { cwd: ROOT, stdio: ['ignore', fd, 'pipe'] });
    closeSync(fd);
    expect(r.status).toBe(0);
    const piped = execFileSync(process.execPath, [BIN, 'audit', 'examples', '--format', 'json', '--fail-on', 'never'], { cwd: ROOT });
    expect(readFileSync(file)).toEqual(piped);
    expect((JSON.parse(piped.toString('utf8')) as { findings: unknown[] }).findings.length).toBeGreaterThan(10);
  });

  it('ends quietly when the reader closes the pipe, with the exit code the command earned', () => {
    // 79 KB of JSON into a pipe whose reader takes 10 bytes and leaves.
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" audit examples --format json 2>"${dir}/err"; echo "exit $?" >"${dir}/code"`, ], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    expect(r.status).toBe(0);
    const early = spawnSync('sh', ['-c', `("${process.execPath}" "${BIN}" audit examples --format json 2>"${dir}/err2"; echo "exit $?" >"${dir}/code2") | head -c 10 >/dev/null`], { cwd: ROOT });
    expect(early.status).toBe(0);
    expect(readFileSync(join(dir, 'code'), 'utf8').trim()).toBe('exit 1');
    expect(readFileSync(join(dir, 'code2'), 'utf8').trim()).toBe('exit 1');
    expect(readFileSync(join(dir, 'err2'), 'utf8')).toBe('');
  });

  it.skipIf(!has('python3'))('falls back to the stream when the pipe was left non-blocking, and loses nothing', () => {
    if (!has('python3')) console.warn('SKIPPED: non-blocking pipe test because python3 is absent');
    // The reader waits 0.5 s, so writes past the pipe's 64 KiB buffer would block: EAGAIN on a non-blocking descriptor.
    const script = [
      'import fcntl, os, subprocess, sys, time',
      'r, w = os.pipe()',
      'fcntl.fcntl(w, fcntl.F_SETFL, fcntl.fcntl(w, fcntl.F_GETFL) | os.O_NONBLOCK)',
      'p = subprocess.Popen(sys.argv[1:], stdout=w, stderr=subprocess.PIPE)',
      'os.close(w)',
      'time.sleep(0.5)',
      'data = b""',
      'while True:',
      '    chunk = os.read(r, 65536)',
      '    if not chunk: break',
      '    data += chunk',
      'err = p.stderr.read()',
      'sys.stdout.buffer.write(data)',
      'sys.stderr.buffer.write(err)',
      'sys.exit(p.wait())',
    ].join('\n');
    const r = spawnSync('python3', ['-c', script, process.execPath, BIN, 'audit', 'examples', '--format', 'json', '--fail-on', 'never'], { cwd: ROOT, maxBuffer: 1 << 24 });
    expect(r.stderr.toString()).toBe('');
    expect(r.status).toBe(0);
    const expected = execFileSync(process.execPath, [BIN, 'audit', 'examples', '--format', 'json', '--fail-on', 'never'], { cwd: ROOT });
    expect(r.stdout.length).toBeGreaterThan(65536);
    expect(r.stdout).toEqual(expected);
  });

  it.skipIf(!has('script'))('recognises a terminal: colour, and explanations wrapped at its width', () => {
    if (!has('script')) console.warn('SKIPPED: terminal test because script(1) is absent');
    const { NO_COLOR: _n, FORCE_COLOR: _f, ...uncoloured } = process.env;
    const command = `stty cols 60; "${process.execPath}" "${BIN}" audit examples/oci/runc-default/config.json`;
    const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: ROOT, encoding: 'utf8', env: { ...uncoloured, TERM: 'xterm' } });
    expect(r.stdout).toMatch(/\u001b\[/); // ANSI colour: stdout was seen as a terminal
    const plain = spawnSync(process.execPath, [BIN, 'audit', 'examples/oci/runc-default/config.json'], { cwd: ROOT, encoding: 'utf8', env: uncoloured });
    expect(plain.stdout).not.toMatch(/\u001b\[/);
    // Explanations wrap at the terminal's 60 columns instead of the default 100: more lines.
    const lines = (text: string) => text.split(/\r?\n/).filter((l) => l.trim() !== '').length;
    expect(lines(r.stdout)).toBeGreaterThan(lines(plain.stdout) + 5);
  });

  it('sees no terminal in /dev/null (a character device), a file or a closed descriptor', () => {
    const nul = openSync('/dev/null', 'w');
    const file = openSync(join(dir, 'plain'), 'w');
    try {
      expect(fstatSync(nul).isCharacterDevice()).toBe(true);
      expect(mayBeTerminal(nul)).toBe(false);
      expect(mayBeTerminal(file)).toBe(false);
    } finally {
      closeSync(nul);
      closeSync(file);
    }
    expect(mayBeTerminal(nul)).toBe(false);
  });
});

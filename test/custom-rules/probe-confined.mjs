#!/usr/bin/env node
// Confines this process exactly as the rule host confines itself, then tries,
// from the host realm, what a rule that escaped its V8 context would try.
// Prints one JSON object: each attempt and the error code it met (or "done").
import { writeSync } from 'node:fs';
import * as fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { confineWithAddon } from '../../dist/engine/custom-rules/host/confine.js';

const [marker, port, victim] = process.argv.slice(2);
const boundary = confineWithAddon({ op: 'init', mode: 'os', timeoutMs: 250, maxRulesPerFile: 100, addressSpace: 1024 ** 3, cpuSeconds: 60, files: [] });
const attempt = (fn) => {
  try {
    const r = fn();
    return r && r.error ? r.error.code : 'done';
  } catch (error) {
    return error.code ?? error.message;
  }
};
const results = {
  boundary,
  write: attempt(() => fs.writeFileSync(marker, 'escaped')),
  read: attempt(() => fs.readFileSync('/etc/hostname')),
  spawn: attempt(() => spawnSync('/bin/sh', ['-c', `touch ${marker}.exec`])),
  kill: attempt(() => process.kill(Number(victim), 'SIGTERM')),
  arrayBuffer: attempt(() => new ArrayBuffer(4 * 1024 ** 3)),
};
const socket = connect(Number(port), '127.0.0.1');
const done = (outcome) => {
  results.connect = outcome;
  writeSync(1, JSON.stringify(results));
  process.exit(0);
};
socket.on('connect', () => done('done'));
socket.on('error', (error) => done(error.code ?? error.message));

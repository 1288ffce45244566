#!/usr/bin/env node
// Sets the exit code from the CLI; nothing else.
import { main } from '../dist/engine/cli/main.js';
import { processIo } from '../dist/engine/cli/io.js';

process.exitCode = await main(process.argv.slice(2), processIo());

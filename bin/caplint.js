#!/usr/bin/env node
// Sets the exit code from the CLI; nothing else.
import { main, processIo } from '../dist/cli.js';

process.exitCode = await main(process.argv.slice(2), processIo());

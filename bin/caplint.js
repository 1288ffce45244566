#!/usr/bin/env node
// Sets the exit code from the CLI; nothing else but closing the debugger door first.
// SIGUSR1 makes Node open its inspector (code execution over 127.0.0.1:9229)
// for anyone allowed to signal caplint, such as the programs it launches. A
// listener replaces Node's handler for the life of the process, and an
// inspector that NODE_OPTIONS or the command line opened is closed. Node 20
// has no --disable-sigusr1; this runs before anything else is loaded.
process.on('SIGUSR1', () => {});
if (/--inspect/.test(`${process.env.NODE_OPTIONS ?? ''} ${process.execArgv.join(' ')}`)) (await import('node:inspector')).close();

const { main, processIo } = await import('../dist/cli.js');
process.exitCode = await main(process.argv.slice(2), processIo());

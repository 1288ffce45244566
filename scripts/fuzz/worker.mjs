/** Fuzz worker: runs the CLI in-process on one input at a time and reports what it printed. */
import { parentPort } from 'node:worker_threads';

const { main } = await import(new URL('../../dist/engine/cli/main.js', import.meta.url).href);

parentPort.on('message', async ({ index, args, cwd }) => {
  let stdout = '';
  let stderr = '';
  const io = {
    argv0: 'caplint', cwd, env: { NO_COLOR: '1' }, stdoutIsTTY: false, stderrIsTTY: false,
    write: (t) => void (stdout += t), error: (t) => void (stderr += t), readStdin: async () => '',
  };
  const start = performance.now();
  let code;
  let thrown;
  try {
    code = await main(args, io);
  } catch (error) {
    thrown = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack}` : String(error);
  }
  parentPort.postMessage({ index, code, stdout, stderr, thrown, ms: performance.now() - start, heapMb: process.memoryUsage().heapUsed / 2 ** 20 });
});
parentPort.postMessage({ ready: true });

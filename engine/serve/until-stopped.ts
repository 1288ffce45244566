/**
 * Keeps a service running until SIGTERM or SIGINT, with SIGHUP bound to
 * `reload`; the handlers are removed when it stops.
 */
export async function untilStopped(close: () => Promise<void>, reload?: () => Promise<unknown>): Promise<void> {
  const onHup = () => void reload?.();
  if (reload) process.on('SIGHUP', onHup);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      resolve();
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
  if (reload) process.off('SIGHUP', onHup);
  await close();
}

/**
 * A rule set that concurrent requests share and a reload replaces. Custom
 * rules keep a rule-host process alive, so the replaced set must be closed,
 * but never under a request or scan still judging with it: it closes when
 * it has been retired and the last use that took it has returned.
 */
export interface InUse<T> {
  /** Runs `work` with the value, which stays open until `work` settles. */
  use<R>(work: (value: T) => Promise<R>): Promise<R>;
  /** No new uses are expected; closes now or after the last running one. */
  retire(): Promise<void>;
}

export function inUse<T>(value: T, close: () => void): InUse<T> {
  let users = 0;
  let retired = false;
  let closed = false;
  let settle!: () => void;
  const gone = new Promise<void>((resolve) => (settle = resolve));
  const closeIfIdle = () => {
    if (!retired || users > 0 || closed) return;
    closed = true;
    try {
      close();
    } finally {
      settle();
    }
  };
  return {
    async use(work) {
      users++;
      try {
        return await work(value);
      } finally {
        users--;
        closeIfIdle();
      }
    },
    retire() {
      retired = true;
      closeIfIdle();
      return gone;
    },
  };
}

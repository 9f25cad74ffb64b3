/**
 * Graceful shutdown on SIGTERM / SIGINT: the first signal stops every given consumer, producer or replay (in
 * parallel) and reports when done; a second signal while stopping exits at once with code 1.
 */
/** A consumer or replay (`stop`), or a producer (`disconnect`). */
export type Stoppable = { stop(): Promise<void> } | { disconnect(): Promise<void> };

function stopOne(t: Stoppable): Promise<void> {
  return 'stop' in t ? t.stop() : t.disconnect();
}

export interface StopOnSignalsOptions {
  /** Default `['SIGTERM', 'SIGINT']`. */
  readonly signals?: readonly NodeJS.Signals[];
  /** Called once everything stopped; `error` is the first failure. Default: sets `process.exitCode` to 1 on failure. */
  readonly onStopped?: (error: unknown) => void;
}

/** Wires the signals; returns a function that unwires them. */
export function stopOnSignals(targets: Stoppable | readonly Stoppable[], options: StopOnSignalsOptions = {}): () => void {
  const list: readonly Stoppable[] = Array.isArray(targets) ? targets : [targets as Stoppable];
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  let stopping = false;
  const remove = (): void => {
    for (const s of signals) process.off(s, onSignal);
  };
  function onSignal(): void {
    if (stopping) {
      process.exit(1);
    }
    stopping = true;
    void Promise.allSettled(list.map(stopOne)).then((results) => {
      remove();
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (options.onStopped) options.onStopped(failed?.reason);
      else if (failed) process.exitCode = 1;
    });
  }
  for (const s of signals) process.on(s, onSignal);
  return remove;
}

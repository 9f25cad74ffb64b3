// Runs each configured tailer as a managed object of the service: started (table checked, snapshot of a new slot)
// before the ports open, stopped on SIGTERM. A tailer that fails stops the whole service (exit 1), so that the
// supervisor restarts it and it resumes from the last confirmed position. /healthcheck reports each tailer's phase and
// lag; /metrics has its rows and lag in bytes.
import { createTailer, type Tailer, type TailerDefinition } from 'unilog/runtime/tailer';
import { healthy, unhealthy, type ServiceEnvironment } from 'unilog/runtime/service';
import type { AppConfig } from './config.js';
import { registerTailerMetrics } from './tailer-metrics.js';

const LAG_POLL_MS = 5000;

export function runTailers(env: ServiceEnvironment<AppConfig>, all: Readonly<Record<string, TailerDefinition>>): undefined {
  const names = env.config.app.tailers.split(',');
  const unknown = names.filter((n) => !(n in all));
  if (unknown.length > 0) throw new Error(`app.tailers names ${unknown.join(', ')}, not in schemas/tailers.yaml (${Object.keys(all).join(', ')})`);
  const lags = new Map<Tailer, number>();
  const tailers = names.map((name) => {
    const tailer = createTailer(all[name]!, {
      connection: { connectionString: env.config.app.database },
      kafka: env.kafka.client,
      registry: env.kafka.registry,
      topicPrefix: env.config.kafka?.topicPrefix ?? '',
      slot: `${env.config.app.slotPrefix}${name.replace(/-/g, '_')}`,
      // A second instance waits on the slot and takes over when the first stops or dies.
      standby: true,
    });
    let timer: NodeJS.Timeout | undefined;
    env.manage(`tailer:${name}`, {
      // Returns once the tailer streams or stands by (another instance reads the slot); a standby takes over later.
      start: async () => {
        const streaming = tailer.start().then(() => {
          env.log.info({ tailer: name, slot: tailer.slot, ...tailer.stats() }, `tailer ${name} streaming`);
          timer = setInterval(() => void tailer.lagBytes().then((b) => b !== undefined && lags.set(tailer, b), () => undefined), LAG_POLL_MS);
        });
        tailer.done.catch((error: unknown) => {
          env.log.error({ err: error, tailer: name }, `tailer ${name} failed: stopping the service`);
          process.exitCode = 1;
          process.kill(process.pid, 'SIGTERM');
        });
        await Promise.race([streaming, standingBy(tailer)]);
        if (tailer.stats().phase === 'standby') env.log.info({ tailer: name, slot: tailer.slot }, `tailer ${name} stands by: another instance reads the slot`);
        streaming.catch(() => undefined); // reported through done
      },
      stop: async () => {
        clearInterval(timer);
        await tailer.stop();
      },
    });
    env.healthCheck(`tailer:${name}`, () => {
      const s = tailer.stats();
      const lag = lags.get(tailer);
      const details = { phase: s.phase, lagBytes: lag, confirmedLsn: s.confirmedLsn, deadLetters: s.deadLetters };
      if (s.phase === 'streaming') return healthy(`streaming, ${lag ?? '?'} bytes behind`, details);
      if (s.phase === 'standby') return healthy('standing by: another instance reads the slot', details);
      return unhealthy(s.error ?? s.phase, details);
    });
    return tailer;
  });
  registerTailerMetrics(env as ServiceEnvironment<unknown>, tailers, (t) => lags.get(t));
  return undefined;
}

/** Resolves when the tailer stands by; never while it snapshots or streams. */
async function standingBy(tailer: Tailer): Promise<void> {
  while (tailer.stats().phase !== 'standby') {
    if (tailer.stats().phase === 'failed' || tailer.stats().phase === 'streaming') return new Promise(() => undefined);
    await new Promise((r) => setTimeout(r, 50));
  }
}

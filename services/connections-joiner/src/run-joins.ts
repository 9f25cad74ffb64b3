// Runs each join as a managed object of the service: started before the ports open, stopped (batch in hand finished,
// offsets committed) on SIGTERM. /healthcheck says when a join is restoring or stopped; /metrics has its state and lag.
import type { BoundJoin, JoinRunner } from 'unilog/runtime';
import { healthy, unhealthy, type ServiceEnvironment } from 'unilog/runtime/service';
import type { AppConfig } from './config.js';

export function runJoins(env: ServiceEnvironment<AppConfig>, joins: readonly BoundJoin[]): undefined {
  const rows = env.metrics.gauge('unilog_join_state_rows', 'Table rows held in memory, per join and partition.', ['join', 'partition']);
  const related = env.metrics.gauge('unilog_join_state_related', 'Related rows (or waiting stream records) held in memory.', ['join', 'partition']);
  const lag = env.metrics.gauge('unilog_join_lag', 'Input records of a partition not read yet.', ['join', 'partition']);
  const records = env.metrics.gauge('unilog_join_records', 'Records read, restored and written since start.', ['join', 'kind']);
  const runners: JoinRunner[] = [];
  for (const bound of joins) {
    let crash: unknown;
    const runner = bound.create(env.kafka.client, {
      registry: env.kafka.registry,
      groupId: `${env.name}.${bound.name}`,
      topicPrefix: env.config.kafka?.topicPrefix ?? '',
      consumerConfig: { sessionTimeout: env.config.app.sessionTimeoutMs, heartbeatInterval: Math.floor(env.config.app.sessionTimeoutMs / 10) },
      onCrash: (error, restart) => {
        env.log.error({ err: error, restart }, `join ${bound.name} crashed`);
        if (!restart) crash = error;
      },
      onRestored: (e) => env.log.info(e, `join ${bound.name}: partition ${e.partition} restored`),
    });
    runners.push(env.manage(`join:${bound.name}`, runner));
    env.healthCheck(`join:${bound.name}`, () => {
      if (crash !== undefined) return unhealthy(`stopped: ${crash instanceof Error ? crash.message : String(crash)}`);
      const parts = runner.stats().partitions;
      const restoring = parts.filter((p) => p.phase === 'restoring').map((p) => p.partition);
      return restoring.length ? unhealthy(`restoring partition(s) ${restoring.join(', ')}`) : healthy(`${parts.length} partition(s) live`);
    });
  }
  env.metrics.collect(() => {
    for (const r of [rows, related, lag, records]) r.reset();
    for (const runner of runners) {
      const s = runner.stats();
      for (const p of s.partitions) {
        rows.set([runner.name, String(p.partition)], p.rows);
        related.set([runner.name, String(p.partition)], p.related);
        lag.set([runner.name, String(p.partition)], p.lag);
      }
      records.set([runner.name, 'input'], s.inputRecords);
      records.set([runner.name, 'restored'], s.restoredRecords);
      records.set([runner.name, 'output'], s.outputRecords);
      records.set([runner.name, 'rekeyed'], s.rekeyedRecords);
    }
  });
  return undefined;
}

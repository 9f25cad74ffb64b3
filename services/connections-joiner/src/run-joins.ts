// Runs each join as a managed object of the service: started before the ports open, stopped (batch in hand finished,
// offsets committed) on SIGTERM. /healthcheck says when a join is restoring or stopped; /metrics has its state and lag.
import type { BoundJoin, JoinRunner } from 'unilog/runtime';
import { healthy, measureJoins, unhealthy, type ServiceEnvironment } from 'unilog/runtime/service';
import type { AppConfig } from './config.js';

export function runJoins(env: ServiceEnvironment<AppConfig>, joins: readonly BoundJoin[]): undefined {
  const runners: JoinRunner[] = [];
  for (const bound of joins) {
    let crash: unknown;
    const runner = bound.create(env.kafka.client, {
      registry: env.kafka.registry,
      guarantee: env.config.app.guarantee,
      // Prefixed like the topics: two environments on one cluster never share a join's group.
      groupId: `${env.config.kafka?.topicPrefix ?? ''}${env.name}.${bound.name}`,
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
  measureJoins(env.metrics, runners);
  return undefined;
}

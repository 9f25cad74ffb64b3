/** A join service's metrics: each join's state, lag and record counts, read from its runner when /metrics is scraped. */
import type { Registry } from 'prom-client';
import type { JoinStats } from '../../join/options.js';
import { joinFamilies } from './framework-metrics.js';

/** What a join runner (`unilog/runtime`'s `JoinRunner`) gives the metrics. */
export interface MeasuredJoin {
  readonly name: string;
  stats(): JoinStats;
}

/** Registers the join metrics (`unilog_join_*`, docs/services.md) for `joins` in `registry` (a service's `env.metrics`). */
export function measureJoins(registry: Registry, joins: readonly MeasuredJoin[]): void {
  joinFamilies(registry, () => new Map(joins.map((j) => [j.name, j.stats()])));
}

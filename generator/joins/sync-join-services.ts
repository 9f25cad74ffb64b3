/** The join-service step of `unilog generate`, from the config: declarations read once, services planned. */
import type { Catalog } from '../catalog/catalog.js';
import type { UnilogConfig } from '../config/load-config.js';
import { unilogRoot } from '../scaffold/render-templates.js';
import { readJoinDeclarations } from './emit-joins.js';
import { findJoinServices, planJoinServices } from './scaffold-join-service.js';

export async function planJoinServicesFor(config: UnilogConfig, catalog: Catalog): Promise<{
  diagnostics: ReturnType<typeof planJoinServices>['diagnostics'];
  warnings: ReturnType<typeof planJoinServices>['warnings'];
  missing: string[];
  apply(): Promise<Array<{ file: string; change: 'added' | 'updated' }>>;
}> {
  if (findJoinServices(config.services).length === 0) return { diagnostics: [], warnings: [], missing: [], apply: async () => [] };
  const joins = readJoinDeclarations({ catalog, config }).declarations?.joins ?? [];
  const plan = planJoinServices(config.services, joins, config.out);
  return { ...plan, apply: () => plan.apply(unilogRoot()) };
}

/** `unilog new service <name> --joins J…`: scaffolds a service that runs joins it owns (docs/joins.md). */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { UnilogConfig } from '../config/load-config.js';
import { UserErrors } from '../diagnostics.js';
import { runPipeline } from '../pipeline.js';
import { writeOutput } from '../output/write-output.js';
import { displayPath } from '../paths.js';
import { unilogRoot, unilogVersion } from '../scaffold/render-templates.js';
import { writeScaffold } from '../scaffold/write-scaffold.js';
import { readJoinDeclarations, joinsFile } from './emit-joins.js';
import { joinServiceModel, renderJoinService } from './scaffold-join-service.js';

export async function newJoinService(name: string, joinNames: readonly string[], dirFlag: string | undefined, config: UnilogConfig, usage: (m: string) => Error): Promise<number> {
  const dir = resolve(dirFlag ?? join(config.services[0] ?? resolve('services'), name));
  if (existsSync(dir) && readdirSync(dir).length > 0) throw usage(`${displayPath(dir)} exists and is not empty`);
  const result = await runPipeline(config);
  if (result.diagnostics.length > 0) throw new UserErrors(result.diagnostics);
  const declared = readJoinDeclarations({ catalog: result.catalog, config }).declarations?.joins ?? [];
  const joins = joinNames.map((n) => {
    const j = declared.find((d) => d.name === n);
    if (!j) throw usage(`unknown join '${n}' (${displayPath(joinsFile(config))} declares ${declared.map((d) => d.name).join(', ') || 'none'})`);
    if (j.owner !== name) throw usage(`join '${n}' is owned by ${j.owner} in ${displayPath(joinsFile(config))}, not by ${name}: a join runs in its owner (it writes the output topic)`);
    return j;
  });
  writeOutput(config.out, result.files);
  const root = unilogRoot();
  const model = joinServiceModel({ name, dir, out: config.out, joins, unilogRoot: root, unilogVersion: unilogVersion(root) });
  writeScaffold({
    dir,
    files: await renderJoinService(model, root),
    holds: `${joins.length} join stub(s): write each function in src/joins/<join>.ts`,
    usesKafka: true,
  }, config, root);
  return 0;
}

/**
 * `dir:<path>`: an old copy of the schemas folder (for instance unpacked from the last release). Its catalog is looked
 * for at the same place relative to the folder as the new one (`topics.yaml` for `schemas/topics.yaml`). A folder is a
 * single version, so transitive levels compare with that one version only.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { diagnostic, UserErrors } from '../../diagnostics.js';
import { displayPath, listFiles } from '../../paths.js';
import type { Baseline, BaselineRequest, BaselineTopic } from './baseline.js';
import { loadTree, pickTopic } from './baseline-tree.js';

export function loadDirBaseline(path: string, request: BaselineRequest): Baseline {
  const label = `dir:${path}`;
  const dir = resolve(request.cwd, path);
  if (!existsSync(dir)) throw new UserErrors([diagnostic({ file: displayPath(dir), line: 1, col: 1 }, 'BASELINE', 'baseline folder not found')]);
  const schemas: Record<string, string> = {};
  for (const file of listFiles(dir, '.avsc')) schemas[displayPath(file)] = readFileSync(file, 'utf8');
  const catalogRel = relative(request.schemasDir, request.catalogFile);
  const catalogFile = catalogRel.startsWith('..') ? undefined : join(dir, catalogRel);
  const catalog = catalogFile && existsSync(catalogFile) ? { file: displayPath(catalogFile), text: readFileSync(catalogFile, 'utf8') } : undefined;
  const tree = loadTree(schemas, catalog);
  if (tree.diagnostics.length > 0) throw new UserErrors(tree.diagnostics);

  const topics = new Map<string, BaselineTopic>();
  for (const t of request.topics) {
    const picked = pickTopic(tree, t);
    if (!picked) continue;
    topics.set(t.name, {
      name: t.name,
      ...(picked.spec ? { spec: picked.spec } : {}),
      key: picked.key ? [{ schema: picked.key, label }] : [],
      value: picked.value ? [{ schema: picked.value, label }] : [],
    });
  }
  for (const old of tree.catalog?.topics ?? []) {
    if (topics.has(old.name)) continue;
    const { name, keySchemaName, valueSchemaName, visibility, partitions, cleanupPolicy, pos } = old;
    topics.set(name, { name, spec: { name, keySchemaName, valueSchemaName, visibility, partitions, cleanupPolicy, pos }, key: [], value: [] });
  }
  const notes = catalog ? [] : [`${label}: no catalog in the baseline folder, so topics are matched by schema name and topic rules are skipped`];
  return { label, hasCatalog: catalog !== undefined, topics, notes };
}

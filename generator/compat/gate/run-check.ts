/**
 * The gate, without the command line: load the new schemas, catalog and accept file (every input error at once), load
 * the baseline, run the topic and schema rules on each matched topic, apply the accept file. Input errors are thrown
 * as `UserErrors`; findings are returned.
 */
import { loadCatalog } from '../../catalog/load-catalog.js';
import { UserErrors, type Diagnostic } from '../../diagnostics.js';
import { resolveSchemaDir } from '../../resolve/resolve-schemas.js';
import { applyAccepts, loadAcceptFile } from './accept-file.js';
import type { Baseline, BaselineRequest, BaselineSpec } from './baseline.js';
import { loadDirBaseline } from './baseline-dir.js';
import { loadGitBaseline } from './baseline-git.js';
import { loadRegistryBaseline } from './baseline-registry.js';
import { catalogPositions } from './catalog-positions.js';
import { sortFindings, type Finding } from './finding.js';
import type { CheckReport } from './report.js';
import { checkTopicSchemas } from './schema-rules.js';
import { checkRemovedTopic, checkTopicPair } from './topic-rules.js';

export interface CheckOptions {
  readonly against: BaselineSpec;
  /** Absolute paths. */
  readonly schemasDir: string;
  readonly catalogFile: string;
  readonly acceptFile: string;
  /** The user named the accept file, so it must exist. */
  readonly acceptRequired: boolean;
  /** An accept entry that excuses nothing fails the check (ACCEPT_UNUSED) instead of being a note. */
  readonly failOnUnusedAccept: boolean;
  readonly cwd: string;
}

export async function runCheck(options: CheckOptions): Promise<CheckReport> {
  const errors: Diagnostic[] = [];
  const loaded = resolveSchemaDir(options.schemasDir);
  errors.push(...loaded.diagnostics);
  const { catalog, diagnostics: catalogErrors } = loadCatalog(options.catalogFile, loaded.set);
  if (loaded.diagnostics.length === 0) errors.push(...catalogErrors);
  const accept = loadAcceptFile(options.acceptFile, options.acceptRequired);
  errors.push(...accept.diagnostics);
  if (errors.length > 0) throw new UserErrors(errors);

  const request: BaselineRequest = {
    schemasDir: options.schemasDir,
    catalogFile: options.catalogFile,
    topics: catalog.topics,
    transitive: new Set(catalog.topics.filter((t) => t.compatibility.endsWith('_TRANSITIVE')).map((t) => t.name)),
    cwd: options.cwd,
  };
  const baseline = await loadBaseline(options.against, request);

  const positions = catalogPositions(options.catalogFile, catalog.file);
  const findings: Finding[] = [];
  let topicsChecked = 0;
  for (const topic of catalog.topics) {
    const old = baseline.topics.get(topic.name);
    if (!old) continue;
    topicsChecked++;
    if (old.spec) findings.push(...checkTopicPair(old.spec, topic, positions));
    findings.push(...checkTopicSchemas(topic, old));
  }
  if (baseline.hasCatalog) {
    const current = new Set(catalog.topics.map((t) => t.name));
    const baselineNames = new Set(baseline.topics.keys());
    for (const old of baseline.topics.values()) {
      if (old.spec && !current.has(old.name)) findings.push(checkRemovedTopic(old.spec, catalog.topics, baselineNames, positions));
    }
  }

  const applied = applyAccepts(findings, accept.entries, { catalogRulesChecked: baseline.hasCatalog, failOnUnused: options.failOnUnusedAccept });
  return {
    against: baseline.label,
    violations: sortFindings(applied.violations),
    accepted: sortFindings(applied.accepted),
    notes: [...baseline.notes, ...applied.notes],
    topicsChecked,
  };
}

function loadBaseline(spec: BaselineSpec, request: BaselineRequest): Promise<Baseline> | Baseline {
  switch (spec.kind) {
    case 'git':
      return loadGitBaseline(spec.ref, request);
    case 'dir':
      return loadDirBaseline(spec.path, request);
    case 'registry':
      return loadRegistryBaseline(spec.url, request, spec.connection);
  }
}

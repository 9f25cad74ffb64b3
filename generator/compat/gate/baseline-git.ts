/**
 * `git:<ref>`: the schemas folder and catalog as they are at a ref of the user's own checkout. For topics with a
 * transitive level, every distinct version of their schemas in the history reachable from the ref
 * (`git log <ref> -- schemas/`), oldest first.
 */
import { realpathSync } from 'node:fs';
import { posixRelative } from '../../paths.js';
import { diagnostic, UserErrors } from '../../diagnostics.js';
import type { TopicSpec } from '../../catalog/catalog.js';
import type { Baseline, BaselineRequest, BaselineTopic, BaselineVersion } from './baseline.js';
import { loadTree, pickTopic, type OldTree } from './baseline-tree.js';
import { commitsTouching, isShallow, listTree, readBlobs, repoRoot, resolveCommit } from './git.js';
import { schemaFingerprint } from './schema-fingerprint.js';

export function loadGitBaseline(ref: string, request: BaselineRequest): Baseline {
  const label = `git:${ref}`;
  const fail = (message: string): never => {
    throw new UserErrors([diagnostic({ file: label, line: 1, col: 1 }, 'BASELINE', message)]);
  };
  const root = repoRoot(request.schemasDir) ?? fail(`the schemas folder ${request.schemasDir} is not inside a git repository`);
  const commit = resolveCommit(root, ref);
  if (!commit) {
    const hint = isShallow(root)
      ? `this is a shallow clone: fetch the ref (git fetch origin ${ref.replace(/^origin\//, '')}, or git fetch --deepen=<n>), or check out with fetch-depth: 0`
      : `fetch it first (git fetch origin ${ref.replace(/^origin\//, '')})`;
    return fail(`git ref '${ref}' not found; ${hint}`);
  }
  // git names the repository by its real path: a folder reached through a symlink (a shell's $PWD) must be too.
  // Both exist: the new side has loaded from them.
  const repoPath = (abs: string): string => posixRelative(root, realpathSync(abs));
  const schemasPath = repoPath(request.schemasDir);
  const catalogPath = repoPath(request.catalogFile);
  if (schemasPath.startsWith('..') || catalogPath.startsWith('..')) fail(`the schemas folder and catalog must lie inside the repository ${root}`);

  // A schemas folder at the repository's root is '' here, which git refuses as a pathspec.
  const pathspecs = [schemasPath || '.', catalogPath];

  const notes: string[] = [];
  const needHistory = request.transitive.size > 0;
  const commits = needHistory ? commitsTouching(root, commit, pathspecs) : [];
  if (needHistory && isShallow(root)) {
    notes.push(`${label}: shallow clone, so transitive levels see only the fetched history (use fetch-depth: 0, or git fetch --unshallow)`);
  }
  // The ref itself first (it may not touch schemas/ itself), then each commit that changed them, newest first.
  const states = [commit, ...commits.filter((c) => c !== commit)];
  const trees = states.map((c) => listTree(root, c, pathspecs));
  const texts = readBlobs(root, trees.flat().map((e) => e.blob));

  const load = (c: string, i: number): OldTree => {
    const at = i === 0 ? ref : c.slice(0, 7);
    const schemas: Record<string, string> = {};
    let catalog: { file: string; text: string } | undefined;
    for (const e of trees[i]!) {
      const text = texts.get(e.blob) ?? '';
      if (e.path === catalogPath) catalog = { file: `${at}:${e.path}`, text };
      else if (e.path.endsWith('.avsc') && (e.path.startsWith(`${schemasPath}/`) || schemasPath === '')) schemas[`${at}:${e.path}`] = text;
    }
    return loadTree(schemas, catalog);
  };

  const current = load(commit, 0);
  if (current.diagnostics.length > 0) throw new UserErrors(current.diagnostics);

  const topics = new Map<string, BaselineTopic>();
  const versions = (t: TopicSpec): { key: BaselineVersion[]; value: BaselineVersion[]; spec?: BaselineTopic['spec'] } | undefined => {
    const picked = pickTopic(current, t);
    if (!picked) return undefined;
    return {
      key: picked.key ? [{ schema: picked.key, label: ref }] : [],
      value: picked.value ? [{ schema: picked.value, label: ref }] : [],
      ...(picked.spec ? { spec: picked.spec } : {}),
    };
  };
  const found = new Map(request.topics.map((t) => [t.name, versions(t)] as const));

  // Older states, only for the topics that need them; a commit whose files do not load is skipped, with a note.
  if (needHistory) {
    for (let i = 1; i < states.length; i++) {
      const tree = load(states[i]!, i);
      if (tree.diagnostics.length > 0) {
        notes.push(`${label}: commit ${states[i]!.slice(0, 7)} skipped: its schemas or catalog do not load (${tree.diagnostics[0]!.file}:${tree.diagnostics[0]!.line}:${tree.diagnostics[0]!.col}: ${tree.diagnostics[0]!.message})`);
        continue;
      }
      for (const t of request.topics) {
        const entry = found.get(t.name);
        if (!request.transitive.has(t.name) || !entry) continue;
        const picked = pickTopic(tree, t);
        if (picked?.key) entry.key.unshift({ schema: picked.key, label: `commit ${states[i]!.slice(0, 7)}` });
        if (picked?.value) entry.value.unshift({ schema: picked.value, label: `commit ${states[i]!.slice(0, 7)}` });
      }
    }
  }

  for (const t of request.topics) {
    const entry = found.get(t.name);
    if (entry) topics.set(t.name, { name: t.name, ...entry, key: distinct(entry.key), value: distinct(entry.value) });
  }
  // Topics the old catalog has and the new one lacks, for TOPIC_REMOVED.
  for (const old of current.catalog?.topics ?? []) {
    if (topics.has(old.name)) continue;
    const { name, keySchemaName, valueSchemaName, visibility, partitions, cleanupPolicy, pos } = old;
    topics.set(old.name, { name, spec: { name, keySchemaName, valueSchemaName, visibility, partitions, cleanupPolicy, pos }, key: [], value: [] });
  }
  return { label, hasCatalog: current.catalog !== undefined, topics, notes };
}

/** Collapses runs of identical versions (most commits do not touch a given schema), keeping the oldest label. */
function distinct(list: readonly BaselineVersion[]): BaselineVersion[] {
  const out: BaselineVersion[] = [];
  let last: string | undefined;
  for (const v of list) {
    const f = schemaFingerprint(v.schema);
    if (f !== last) out.push(v);
    last = f;
  }
  // The newest version keeps the ref's own name, which is what users asked to compare with.
  if (out.length > 0 && list.length > 0) out[out.length - 1] = { ...out[out.length - 1]!, label: list[list.length - 1]!.label };
  return out;
}

/**
 * Which topics a service may use, from the catalog: it may consume shared topics and its own internal ones, never
 * another service's internal topic (that is the owner's private state, not a contract). It may produce only to the
 * topics it owns: each topic of the unified log has one writer, its owner, so producing to another service's topic is
 * an error too.
 */
import type { Catalog, TopicSpec } from '../catalog/catalog.js';
import { diagnostic, type Diagnostic, type SourcePos } from '../diagnostics.js';

export interface TopicAccess {
  readonly errors: Diagnostic[];
  readonly consumes: TopicSpec[];
  readonly produces: TopicSpec[];
}

export function checkTopicAccess(
  service: string,
  catalog: Catalog,
  consumes: readonly { topic: string; pos: SourcePos }[],
  produces: readonly { topic: string; pos: SourcePos }[],
): TopicAccess {
  const result: TopicAccess = { errors: [], consumes: [], produces: [] };
  const find = (use: { topic: string; pos: SourcePos }): TopicSpec | undefined => {
    const t = catalog.topics.find((x) => x.name === use.topic);
    if (!t) {
      const known = catalog.topics.map((x) => x.name).join(', ');
      result.errors.push(diagnostic(use.pos, 'UNKNOWN_TOPIC', `unknown topic '${use.topic}' (the catalog ${catalog.file} has ${known || 'no topics'})`));
    }
    return t;
  };
  for (const use of consumes) {
    const t = find(use);
    if (!t) continue;
    if (t.visibility === 'internal' && t.owner !== service) {
      result.errors.push(
        diagnostic(t.pos, 'INTERNAL_TOPIC', `topic '${t.name}' is internal to ${t.owner}: ${service} may not consume it (only shared topics are an API between services)`),
      );
      continue;
    }
    result.consumes.push(t);
  }
  for (const use of produces) {
    const t = find(use);
    if (!t) continue;
    if (t.owner !== service) {
      result.errors.push(
        diagnostic(
          t.pos,
          'NOT_OWNER',
          `topic '${t.name}' is owned by ${t.owner}: only its owner produces to it, so ${service} may not (one writer per topic); ` +
            `have ${t.owner} expose an HTTP endpoint that writes it, or make ${service} the topic's owner in ${catalog.file}`,
        ),
      );
      continue;
    }
    result.produces.push(t);
  }
  return result;
}

/**
 * `unilog.service.yaml`, the marker `unilog new service` leaves in a service folder: the service's name, its contract,
 * its topics and where its handlers are. `unilog generate` finds services by it (config `services:`, default
 * `services/`: a folder that holds the marker, or whose sub-folders do).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { diagnostic, type Diagnostic, type SourcePos } from '../diagnostics.js';
import { displayPath } from '../paths.js';
import { FieldReader, expectObject } from '../load/validate-object.js';
import { parseYamlWithPositions } from '../load/yaml-positions.js';

import { MARKER_FILE } from './find-services.js';

export { MARKER_FILE };

export interface TopicUse {
  readonly topic: string;
  readonly pos: SourcePos;
}

export interface ServiceMarker {
  /** Absolute path of the service folder. */
  readonly dir: string;
  readonly file: string;
  readonly name: string;
  /** Absolute path of the contract file. */
  readonly contract: string;
  readonly contractPos: SourcePos;
  readonly consumes: readonly TopicUse[];
  readonly produces: readonly TopicUse[];
  /** Absolute path of the handlers folder. */
  readonly handlers: string;
}

export function readMarker(dir: string, out: Diagnostic[]): ServiceMarker | undefined {
  const path = join(dir, MARKER_FILE);
  const file = displayPath(path);
  const parsed = parseYamlWithPositions(readFileSync(path, 'utf8'), file);
  if (!parsed.ok) {
    out.push(...parsed.errors);
    return undefined;
  }
  const obj = expectObject(parsed.node, file, out);
  if (!obj) return undefined;
  const r = new FieldReader(obj, MARKER_FILE, out);
  r.onlyKeys(['name', 'contract', 'consumes', 'produces', 'handlers']);
  const name = r.string('name', { required: true });
  const contract = r.string('contract', { required: true });
  const topics = (key: string): TopicUse[] => {
    const n = r.node(key);
    if (!n) return [];
    if (n.kind !== 'array') {
      out.push(diagnostic(n.pos, 'INVALID_CONFIG', `'${key}' must be a list of topic names`));
      return [];
    }
    return n.items.flatMap((i) => (i.kind === 'string' ? [{ topic: i.value as string, pos: i.pos }] : (out.push(diagnostic(i.pos, 'INVALID_CONFIG', 'a topic name must be a string')), [])));
  };
  const consumes = topics('consumes');
  const produces = topics('produces');
  const handlers = r.string('handlers') ?? 'src/handlers';
  if (name === undefined || contract === undefined) return undefined;
  return { dir, file, name, contract: resolve(dir, contract), contractPos: r.node('contract')!.pos, consumes, produces, handlers: resolve(dir, handlers) };
}

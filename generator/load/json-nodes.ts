/**
 * The node objects the JSON parser builds. Each keeps its source and offset instead of a `{ file, line, col }`: a
 * 500-file corpus has some 64,000 nodes, and only the few that end up in an error message or in the schema graph
 * ever need their line and column, which `pos` works out when it is read.
 */
import type { SourcePos } from '../diagnostics.js';
import type { JsonArray, JsonEntry, JsonNode, JsonObject, JsonScalar } from './json-positions.js';
import type { SourceText } from './source-text.js';

export class ObjectNode implements JsonObject {
  readonly kind = 'object';
  constructor(
    private readonly source: SourceText,
    private readonly offset: number,
    readonly entries: readonly JsonEntry[],
  ) {}

  get pos(): SourcePos {
    return this.source.pos(this.offset);
  }
}

export class ArrayNode implements JsonArray {
  readonly kind = 'array';
  constructor(
    private readonly source: SourceText,
    private readonly offset: number,
    readonly items: readonly JsonNode[],
  ) {}

  get pos(): SourcePos {
    return this.source.pos(this.offset);
  }
}

export class ScalarNode implements JsonScalar {
  constructor(
    private readonly source: SourceText,
    private readonly offset: number,
    readonly kind: JsonScalar['kind'],
    readonly value: string | number | boolean | null,
    /** Numbers only: the literal text. */
    readonly raw?: string,
  ) {}

  get pos(): SourcePos {
    return this.source.pos(this.offset);
  }
}

export class EntryNode implements JsonEntry {
  constructor(
    private readonly source: SourceText,
    private readonly keyOffset: number,
    readonly key: string,
    readonly value: JsonNode,
  ) {}

  get keyPos(): SourcePos {
    return this.source.pos(this.keyOffset);
  }
}

/**
 * Stream joins as declared in `schemas/joins.yaml` (docs/joins.md), after validation against the catalog and the
 * schemas: every topic resolved, every match field resolved to its schema node.
 */
import type { TopicSpec } from '../catalog/catalog.js';
import type { SourcePos } from '../diagnostics.js';
import type { TypeNode } from '../ir.js';

export const JOIN_KINDS = ['table-table', 'stream-table'] as const;
export const JOIN_MODES = ['inner', 'left'] as const;
export type JoinKind = (typeof JOIN_KINDS)[number];
export type JoinMode = (typeof JOIN_MODES)[number];

/** A field of a topic's key or value, written `key.followerId` or `value.author.id`. */
export interface FieldPath {
  readonly part: 'key' | 'value';
  /** Field names after `key.` / `value.`; empty for the whole key. */
  readonly fields: readonly string[];
  readonly type: TypeNode;
  readonly text: string;
  readonly pos: SourcePos;
}

interface JoinBase {
  readonly name: string;
  readonly owner: string;
  readonly mode: JoinMode;
  readonly table: TopicSpec;
  readonly output: TopicSpec;
  /** The internal topic that holds the other input re-keyed by the table key; absent when already co-partitioned. */
  readonly via?: TopicSpec;
  readonly pos: SourcePos;
}

/** One output record per table row, with the rows of another table that point at it (one-to-many). */
export interface TableTableJoin extends JoinBase {
  readonly kind: 'table-table';
  readonly related: TopicSpec;
  /** Side name → the related row's field that holds the table key (`following: key.followerId`). */
  readonly sides: ReadonlyArray<{ readonly name: string; readonly match: FieldPath }>;
  readonly via: TopicSpec;
}

/** Each stream record enriched with the latest table row its match field names. */
export interface StreamTableJoin extends JoinBase {
  readonly kind: 'stream-table';
  readonly stream: TopicSpec;
  readonly match: FieldPath;
}

export type JoinSpec = TableTableJoin | StreamTableJoin;

export interface JoinDeclarations {
  readonly file: string;
  readonly joins: readonly JoinSpec[];
}

/** What the builders of the schema graph share while one graph is built (see build-types.ts). */
import type { SourcePos } from '../diagnostics.js';
import type { NamedNode, PrimitiveNode, RecordNode, TypeNode } from '../ir.js';
import type { JsonNode } from '../load/json-positions.js';
import { NO_PROPS, type Report } from './attributes.js';

/** Where a type is wanted: called with the type once it is built, or once its name is resolved. */
export type Bind = (node: TypeNode) => void;

/**
 * Which rules a graph is built under. `java`: exactly what Apache Avro Java 1.12's parser accepts, for schemas from
 * outside (`unilog compat`, registry baselines). `generate`: a few deliberate extra refusals for a team's own schemas,
 * each listed in docs/compat.md with its reason; never a Java-valid schema refused by `compat`.
 */
export type SchemaRules = 'java' | 'generate';

export interface BuildState {
  readonly rules: SchemaRules;
  readonly report: Report;
  /** Located warnings: the schema is valid, but something in it is ignored. */
  readonly warn: Report;
  /** Every named type declared so far, by full name. */
  readonly named: Map<string, NamedNode>;
  /** Checks that need every reference bound (defaults, unions); run by `finish`. */
  readonly afterBinding: Array<() => void>;
  /** Records whose fields are being built right now (Java has not "set their fields" yet). */
  readonly openRecords: OpenRecords;
  /** Marks a named type as completely defined (Java's parser can find it by a fallback to the null namespace). */
  complete(node: NamedNode): void;
  /** A stand-in for a type that could not be built, so one mistake yields one error, not a cascade. */
  placeholder(pos: SourcePos): PrimitiveNode;
  isBroken(node: TypeNode): boolean;
  /** Builds a type; `bind` receives it now, or once a reference by name is resolved (else a stand-in at `fallback`). */
  buildType(json: JsonNode, namespace: string, bind: Bind, fallback: JsonNode): void;
}

/**
 * What a slot holds between its creation and its binding, which always happens before the graph is returned: every
 * reference that does not resolve is bound to a placeholder, so no slot is left holding this.
 */
export const UNBOUND: PrimitiveNode = Object.freeze({
  kind: 'primitive', type: 'null', pos: Object.freeze({ file: '', line: 0, col: 0 }), props: NO_PROPS,
});

/**
 * The records being defined. A check that runs later keeps a snapshot of them; the snapshot is shared by everything
 * read until the next record opens or closes, rather than copied for every reference and default (thousands a run).
 */
export class OpenRecords {
  private readonly open = new Set<RecordNode>();
  private snapshotted: ReadonlySet<RecordNode> | undefined;

  add(record: RecordNode): void {
    this.open.add(record);
    this.snapshotted = undefined;
  }

  delete(record: RecordNode): void {
    this.open.delete(record);
    this.snapshotted = undefined;
  }

  snapshot(): ReadonlySet<RecordNode> {
    return (this.snapshotted ??= new Set(this.open));
  }
}

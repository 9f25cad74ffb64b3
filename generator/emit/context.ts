/** What every emitter receives: the normalised options and the names chosen for every named type. */
import type { TypeMapping } from '../config/type-mapping.js';
import type { NamedNode } from '../ir.js';

export interface TypeNames {
  /** Module (path relative to the output folder, without extension) that defines the type. */
  readonly module: string;
  /** The type and its codec (one symbol, as ts-proto does). */
  readonly type: string;
  /** Records only: what a producer passes (defaulted fields optional). */
  readonly input?: string;
  readonly schema: string;
  /** Enums only: the const list of symbols. */
  readonly symbols?: string;
}

export interface EmitContext {
  readonly mapping: TypeMapping;
  readonly runtimeImport: string;
  readonly names: ReadonlyMap<NamedNode, TypeNames>;
  /** How a source file is named in generated headers: relative to the schemas folder's parent, whatever the cwd. */
  readonly sourceName: (file: string) => string;
}

/** Collects the imports a module needs while its body is written; rendered at the top once the body is done. */
export class ModuleImports {
  private readonly typeModules = new Map<string, string>();
  private readonly valueModules = new Map<string, string>();

  constructor(readonly self: string) {}

  /** Returns the prefix to use for a name defined in `module` (`''` for this module). */
  ref(module: string, alias: string, kind: 'type' | 'value'): string {
    if (module === this.self) return '';
    if (kind === 'value') this.valueModules.set(module, alias);
    else if (!this.valueModules.has(module)) this.typeModules.set(module, alias);
    return `${alias}.`;
  }

  /** What `ref` was asked for, by module: `[module, alias, 'type' | 'value']`, sorted (what a reused part records). */
  used(): Array<[string, string, 'type' | 'value']> {
    const out: Array<[string, string, 'type' | 'value']> = [];
    for (const [module, alias] of this.typeModules) if (!this.valueModules.has(module)) out.push([module, alias, 'type']);
    for (const [module, alias] of this.valueModules) out.push([module, alias, 'value']);
    return out.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  }

  render(fromDir: (module: string) => string): string[] {
    const lines: string[] = [];
    const all = new Map([...this.typeModules, ...this.valueModules]);
    for (const module of [...all.keys()].sort()) {
      const alias = all.get(module)!;
      const typeOnly = !this.valueModules.has(module);
      lines.push(`import ${typeOnly ? 'type ' : ''}* as ${alias} from '${fromDir(module)}';`);
    }
    return lines;
  }
}

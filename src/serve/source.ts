/**
 * A Comunica query source that pushes whole operations down to a store that
 * evaluates SPARQL itself (Oxigraph in-process, or a remote endpoint), the way
 * Comunica's own SPARQL-endpoint source does.
 *
 * Comunica asks every source for its selector shape; a source whose shape
 * accepts the whole query gets the whole query in one call
 * (passFullOperationToSource). Ours accepts every SPARQL 1.1 query operation
 * except SERVICE (so that Comunica itself federates SERVICE clauses) and the
 * update operations (the endpoint is read-only). With several sources
 * (federation) Comunica splits the query and joins the parts, passing
 * intermediate bindings in (joinBindings) as a VALUES block.
 */
import type * as RDF from '@rdfjs/types';
import type { BindingsStream, FragmentSelectorShape, IActionContext, IQueryBindingsOptions, IQuerySource, MetadataBindings } from '@comunica/types';
import { ActionContextKey } from '@comunica/core';
import { KeysInitQuery } from '@comunica/context-entries';
import { Algebra, AlgebraFactory, algebraUtils } from '@comunica/utils-algebra';
import { BindingsFactory } from '@comunica/utils-bindings-factory';
import { MetadataValidationState } from '@comunica/utils-metadata';
import { ArrayIterator, TransformIterator } from 'asynciterator';
import { DataFactory } from 'rdf-data-factory';
import { toAst } from '@traqula/algebra-sparql-1-2';
import { Generator } from '@traqula/generator-sparql-1-2';
import type { PushdownOptions, QueryDataset, QueryForm, SparqlPushdown } from './store.js';

/** Per-query settings the server passes to its sources through the Comunica context. */
export interface PushdownQuerySettings {
  dataset?: QueryDataset;
  /**
   * The query goes to one source in one piece: the operation a source receives
   * is the query's root, so the result cap can be pushed down as a LIMIT.
   */
  wholeQuery: boolean;
  /** Result cap: the store is asked for at most maxResults + 1 solutions. */
  maxResults?: number;
  timeoutMs?: number;
  /** The query as the client wrote it: sent as it is when a whole query has no serialisation of its own. */
  originalQuery?: string;
  /** Filled in by the source: the SPARQL strings it evaluated (for tests and --explain). */
  log?: string[];
}

export const KEY_PUSHDOWN = new ActionContextKey<PushdownQuerySettings>('kamerstukken-ld:pushdown');

const DF = new DataFactory();
const AF = new AlgebraFactory(DF);
const BF = new BindingsFactory(DF);
const generator = new Generator();

const ACCEPTED_TYPES: readonly string[] = [
  Algebra.Types.ASK,
  Algebra.Types.BGP,
  Algebra.Types.CONSTRUCT,
  Algebra.Types.DESCRIBE,
  Algebra.Types.DISTINCT,
  Algebra.Types.EXTEND,
  Algebra.Types.FILTER,
  Algebra.Types.FROM,
  Algebra.Types.GRAPH,
  Algebra.Types.GROUP,
  Algebra.Types.JOIN,
  Algebra.Types.LEFT_JOIN,
  Algebra.Types.MINUS,
  Algebra.Types.NOP,
  Algebra.Types.ORDER_BY,
  Algebra.Types.PATTERN,
  Algebra.Types.PROJECT,
  Algebra.Types.REDUCED,
  Algebra.Types.SLICE,
  Algebra.Types.UNION,
  Algebra.Types.VALUES,
  Algebra.Types.PATH,
];

/** Operations that serialise as a query of their own; anything else is wrapped in SELECT *. */
const QUERY_ROOTS = new Set<string>([Algebra.Types.PROJECT, Algebra.Types.SLICE, Algebra.Types.DISTINCT, Algebra.Types.REDUCED, Algebra.Types.CONSTRUCT, Algebra.Types.DESCRIBE, Algebra.Types.ASK]);

const BUFFER = 4096;

export class PushdownQuerySource implements IQuerySource {
  readonly referenceValue: string;
  private readonly shape: FragmentSelectorShape;

  constructor(private readonly store: SparqlPushdown) {
    this.referenceValue = `kamerstukken-ld:store:${store.label}`;
    // One 'type' shape per accepted operation: unlike a wildcard, Comunica checks
    // these recursively, so an operation holding a SERVICE anywhere is not accepted whole.
    this.shape = {
      type: 'disjunction',
      children: ACCEPTED_TYPES.map((type) => ({
        type: 'operation' as const,
        operation: { operationType: 'type' as const, type: type as Algebra.Types },
        joinBindings: true as const,
      })),
    };
  }

  async getFilterFactor(): Promise<number> {
    return 1;
  }

  async getSelectorShape(): Promise<FragmentSelectorShape> {
    return this.shape;
  }

  queryBindings(operation: Algebra.Operation, context: IActionContext, options?: IQueryBindingsOptions): BindingsStream {
    const settings = context.get(KEY_PUSHDOWN) ?? { wholeQuery: false };
    let variables = algebraUtils.inScopeVariables(operation);
    const stream = new TransformIterator<RDF.Bindings>(
      async () => {
        let op = operation;
        if (options?.joinBindings) op = await withValues(op, options.joinBindings);
        if (!QUERY_ROOTS.has(op.type)) op = AF.createProject(op, variables);
        if (settings.wholeQuery && settings.maxResults !== undefined) op = capped(op, settings.maxResults + 1);
        const result = await this.run(op, 'bindings', settings, context);
        if (result.type !== 'bindings') throw new Error(`${this.store.label}: expected solutions`);
        const rows: RDF.Bindings[] = result.solutions.map((solution) => {
          const entries: [RDF.Variable, RDF.Term][] = [];
          for (const [name, term] of solution) entries.push([DF.variable(name), term]);
          return BF.bindings(entries);
        });
        return new ArrayIterator<RDF.Bindings>(rows, { autoStart: false });
      },
      // A large buffer: the results are all in memory already, and asynciterator's
      // default of 4 items costs a scheduling round per few items.
      { autoStart: false, maxBufferSize: BUFFER },
    ) as unknown as BindingsStream;
    if (options?.joinBindings) {
      variables = uniqueVariables([...variables, ...options.joinBindings.metadata.variables.map((v) => v.variable)]);
    }
    const undef = new Set(undefVariables(operation).map((v) => v.value));
    const metadata: MetadataBindings = {
      state: new MetadataValidationState(),
      // An indexed store answers at once; an estimate of 1 keeps Comunica from
      // preferring other join orders around a pushed-down operation.
      cardinality: { type: 'estimate', value: 1 },
      variables: variables.map((variable) => ({ variable, canBeUndef: undef.has(variable.value) })),
    };
    stream.setProperty('metadata', metadata);
    return stream;
  }

  // asynciterator's ESM and CommonJS typings differ nominally; the objects are the same.
  queryQuads(operation: Algebra.Operation, context: IActionContext): ReturnType<IQuerySource['queryQuads']> {
    const settings = context.get(KEY_PUSHDOWN) ?? { wholeQuery: false };
    const stream = new TransformIterator<RDF.Quad>(
      async () => {
        let op = operation;
        // Comunica types `op.type` as its own string union, the enum holds the same strings.
        // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison
        if (settings.wholeQuery && settings.maxResults !== undefined && op.type === Algebra.Types.CONSTRUCT) {
          // Bound the solutions the template is instantiated with; the triple cap is applied by the caller.
          const construct = op as Algebra.Construct;
          op = AF.createConstruct(capped(construct.input, settings.maxResults + 1), construct.template);
        }
        const result = await this.run(op, 'quads', settings, context);
        if (result.type !== 'quads') throw new Error(`${this.store.label}: expected quads`);
        return new ArrayIterator(result.quads, { autoStart: false });
      },
      // A large buffer: the results are all in memory already, and asynciterator's
      // default of 4 items costs a scheduling round per few items.
      { autoStart: false, maxBufferSize: BUFFER },
    );
    stream.setProperty('metadata', {
      state: new MetadataValidationState(),
      cardinality: { type: 'estimate', value: 1 },
      variables: [],
    });
    return stream as unknown as ReturnType<IQuerySource['queryQuads']>;
  }

  async queryBoolean(operation: Algebra.Ask, context: IActionContext): Promise<boolean> {
    const settings = context.get(KEY_PUSHDOWN) ?? { wholeQuery: false };
    const result = await this.run(operation, 'boolean', settings, context);
    if (result.type !== 'boolean') throw new Error(`${this.store.label}: expected a boolean`);
    return result.value;
  }

  async queryVoid(): Promise<void> {
    throw new Error('this endpoint is read-only: SPARQL Update is not accepted');
  }

  toString(): string {
    return `PushdownQuerySource(${this.store.label})`;
  }

  private async run(op: Algebra.Operation, form: QueryForm, settings: PushdownQuerySettings, context: IActionContext) {
    // FROM / FROM NAMED become the store's dataset option: the serialiser places them
    // poorly inside sub-selects, and the protocol's dataset overrides them anyway (SPARQL 1.1 Protocol §2.1.4).
    const { operation, dataset: fromDataset } = extractFrom(op);
    let sparql: string;
    try {
      sparql = operationToSparql(operation);
    } catch (err) {
      // Some rewritten operations (DESCRIBE becomes CONSTRUCT over a UNION) have no
      // SPARQL syntax of their own; a whole query can still go as the client wrote it.
      const original = settings.originalQuery ?? context.get(KeysInitQuery.queryString);
      if (!settings.wholeQuery || typeof original !== 'string') throw err;
      sparql = original;
    }
    settings.log?.push(sparql);
    const dataset = settings.dataset ?? fromDataset;
    const options: PushdownOptions = {
      form,
      dataset,
      unionDefaultGraph: dataset === undefined,
      timeoutMs: settings.timeoutMs,
    };
    return this.store.query(sparql, options);
  }
}

/** Take FROM / FROM NAMED out of an operation: the operation without them, and the dataset they name. */
export function extractFrom(op: Algebra.Operation): { operation: Algebra.Operation; dataset?: QueryDataset } {
  let dataset: QueryDataset | undefined;
  const operation = algebraUtils.mapOperation(op, {
    [Algebra.Types.FROM]: {
      transform: (copy: Algebra.From) => {
        dataset = {
          defaultGraphs: [...(dataset?.defaultGraphs ?? []), ...copy.default],
          namedGraphs: [...(dataset?.namedGraphs ?? []), ...copy.named],
        };
        return copy.input;
      },
    },
  });
  return { operation, dataset };
}

/** Limit an operation to `limit` solutions, keeping a tighter LIMIT and any OFFSET it has. */
function capped(op: Algebra.Operation, limit: number): Algebra.Operation {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison -- see queryQuads
  if (op.type === Algebra.Types.SLICE) {
    const slice = op as Algebra.Slice;
    const length = slice.length === undefined ? limit : Math.min(slice.length, limit);
    return AF.createSlice(slice.input, slice.start, length);
  }
  return AF.createSlice(op, 0, limit);
}

/** Serialise an algebra operation back to SPARQL (Comunica's own serialiser: traqula). */
export function operationToSparql(op: Algebra.Operation): string {
  const ast = toAst(op as never);
  return generator.generate(ast).trim();
}

async function withValues(op: Algebra.Operation, join: NonNullable<IQueryBindingsOptions['joinBindings']>): Promise<Algebra.Operation> {
  const bindings = await join.bindings.toArray();
  const vars = join.metadata.variables.map((v) => v.variable);
  const rows = bindings.map((b) => {
    const row: Record<string, RDF.NamedNode | RDF.Literal> = {};
    for (const [key, value] of b) {
      if (value.termType === 'NamedNode' || value.termType === 'Literal') row[key.value] = value;
    }
    return row;
  });
  return AF.createJoin([AF.createValues(vars, rows), op], false);
}

function uniqueVariables(vars: RDF.Variable[]): RDF.Variable[] {
  const seen = new Map<string, RDF.Variable>();
  for (const v of vars) if (!seen.has(v.value)) seen.set(v.value, v);
  return [...seen.values()];
}

/** Variables that may stay unbound: right-hand sides of OPTIONAL, partial VALUES and UNION branches. */
function undefVariables(op: Algebra.Operation): RDF.Variable[] {
  const out: RDF.Variable[] = [];
  algebraUtils.visitOperation(op, {
    [Algebra.Types.LEFT_JOIN]: {
      preVisitor: (sub: Algebra.LeftJoin) => {
        const [leftOp, rightOp] = sub.input; // a left join has exactly two operands
        const left = new Set(leftOp ? algebraUtils.inScopeVariables(leftOp).map((v) => v.value) : []);
        if (rightOp) for (const v of algebraUtils.inScopeVariables(rightOp)) if (!left.has(v.value)) out.push(v);
        return { continue: false };
      },
    },
    [Algebra.Types.UNION]: {
      preVisitor: (sub: Algebra.Union) => {
        const scopes = sub.input.map((i) => new Set(algebraUtils.inScopeVariables(i).map((v) => v.value)));
        for (const v of algebraUtils.inScopeVariables(sub)) if (!scopes.every((s) => s.has(v.value))) out.push(v);
        return {};
      },
    },
    [Algebra.Types.VALUES]: {
      preVisitor: (sub: Algebra.Values) => {
        for (const v of sub.variables) if (sub.bindings.some((b) => !(v.value in b))) out.push(v);
        return { continue: false };
      },
    },
    [Algebra.Types.GROUP]: {
      preVisitor: () => {
        // Aggregates over empty groups can be unbound.
        for (const v of algebraUtils.inScopeVariables(op)) out.push(v);
        return { continue: false };
      },
    },
    [Algebra.Types.EXTEND]: {
      preVisitor: (sub: Algebra.Extend) => {
        // BIND with an expression that errors leaves its variable unbound.
        out.push(sub.variable);
        return {};
      },
    },
  });
  return uniqueVariables(out);
}

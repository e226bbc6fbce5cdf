/**
 * Writing graphs in code, for block definitions and templates:
 *
 *     const g = new GraphBuilder();
 *     const x = g.add('Input', { height: 28, width: 28, channels: 1 });
 *     const y = g.add('Conv2D', { filters: 6, kernel: 5 }, x, 'C1');
 *     g.graph  // nodes laid out in columns by depth, branches in lanes
 */
import type { Graph, GraphEdge, GraphNode } from '../graph/schema';
import type { LayerKind } from '../layers/registry';
import type { Params } from '../layers/types';

export const COLUMN = 240;
export const LANE = 130;
/** Columns per row: longer chains wrap onto the next row, as text does, to stay readable. */
export const WRAP = 10;

export class GraphBuilder {
  private readonly nodes: GraphNode[] = [];
  private readonly edges: GraphEdge[] = [];
  private readonly depth = new Map<string, number>();
  private readonly lanes = new Map<number, number>();
  private readonly ids = new Set<string>();
  /** Per base, the suffix to try next: ids are never removed, so those before stay taken. */
  private readonly nextSuffix = new Map<string, number>();

  /**
   * Add a layer (or a block instance, `block:<id>`) fed by `inputs` in port order; returns its id.
   * The id is made from the label, or the kind, and kept unique.
   */
  add(kind: LayerKind | `block:${string}`, params: Params = {}, inputs: string | string[] = [], label?: string): string {
    const from = typeof inputs === 'string' ? [inputs] : inputs;
    const id = this.freeId(slug(label ?? kind.replace(/^block:/, '')));
    const depth = from.length ? Math.max(...from.map((s) => this.depth.get(s)!)) + 1 : 0;
    const lane = this.lanes.get(depth) ?? 0;
    this.lanes.set(depth, lane + 1);
    this.depth.set(id, depth);
    this.nodes.push({ id, kind, params, position: { x: depth, y: lane }, ...(label ? { label } : {}) });
    from.forEach((source, port) => this.edges.push({ id: `e${this.edges.length}`, source, target: id, targetPort: port }));
    return id;
  }

  /** Add layers one after another: `g.chain(x, [['Conv2D', {...}, 'C1'], ['MaxPool2D']])` → the last id. */
  chain(from: string, specs: [LayerKind | `block:${string}`, Params?, string?][]): string {
    return specs.reduce((prev, [kind, params, label]) => this.add(kind, params, prev, label), from);
  }

  /** The graph, laid out: a column per depth, a lane per parallel branch, rows of WRAP columns. */
  get graph(): Graph {
    const lanes = Math.max(1, ...this.lanes.values());
    const band = (lanes + 1) * LANE;
    const nodes = this.nodes.map((n) => {
      const { x: depth, y: lane } = n.position;
      return { ...n, position: { x: (depth % WRAP) * COLUMN, y: Math.floor(depth / WRAP) * band + lane * LANE } };
    });
    return { nodes, edges: this.edges };
  }

  private freeId(base: string): string {
    let i = this.nextSuffix.get(base) ?? 1;
    let id = i > 1 ? `${base}-${i}` : base || 'node';
    while (this.ids.has(id)) id = `${base}-${++i}`;
    this.nextSuffix.set(base, i + 1);
    this.ids.add(id);
    return id;
  }
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/×/g, 'x')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

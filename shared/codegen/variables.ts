/**
 * Local variable names for a generated `forward` (or functional-API function), chosen the way
 * torchvision names them: a chain keeps its variable (`x = self.conv2(x)`), a residual branch is
 * `out` and its shortcut `identity`, Inception branches are `branch1`…`branch4`.
 */
import type { GraphPlan } from './plan';

export interface VariableOptions {
  /** The parameter that holds an Input's or BlockInput's tensor: `x`, or `x1`, `x2`… */
  input(id: string): string;
  /** A name made from the node's label, for values that are none of the above. */
  label(id: string): string;
  /** Names a variable must never take (keywords, module names). */
  reserved: ReadonlySet<string>;
}

const MERGE_NAMES: Record<string, (port: number) => string> = {
  Concatenate: (p) => `branch${p + 1}`,
  Add: (p) => (p === 0 ? 'out' : 'identity'),
  Multiply: (p) => (p === 0 ? 'out' : 'gate'),
};

/** Node id → the variable that holds its output: `assignVariables(plan, { input: () => 'x', … })`. */
export function assignVariables(plan: GraphPlan, opts: VariableOptions): Map<string, string> {
  const at = new Map(plan.order.map((id, i) => [id, i]));
  const outputs = new Set(plan.outputs);
  // Once per node: `free` asks it of a name's holder at every step, and an Input may feed thousands.
  const lastUses = new Map(plan.order.map((id) => [id, outputs.has(id) ? Infinity : Math.max(-1, ...plan.consumers.get(id)!.map((c) => at.get(c.id)!))]));
  const lastUse = (id: string) => lastUses.get(id)!;
  const vars = new Map<string, string>();
  const holder = new Map<string, string>();
  const isInput = (id: string) => plan.inputs.get(id)!.length === 0;
  const free = (name: string, now: number) => !opts.reserved.has(name) && (!holder.has(name) || lastUse(holder.get(name)!) <= now);
  const fresh = (wanted: string, now: number) => {
    let name = wanted;
    for (let i = 2; !free(name, now); i++) name = `${wanted}_${i}`;
    return name;
  };

  /**
   * Where the chain starting at each node flows into a merge: the name that merge's input gets.
   * A node's consumers come after it in the order, so one pass backwards finds every chain's
   * end once, instead of walking each chain again from each of its nodes.
   */
  const chainEnds = new Map<string, { merge?: string; last: string }>();
  for (const id of [...plan.order].reverse()) {
    const next = plan.consumers.get(id)!;
    const c = next.length === 1 ? next[0]! : undefined;
    const kind = c && plan.nodes.get(c.id)!.kind;
    if (!c || kind === undefined) chainEnds.set(id, { last: id });
    else if (plan.inputs.get(c.id)!.length > 1) chainEnds.set(id, { merge: (MERGE_NAMES[kind] ?? MERGE_NAMES.Concatenate!)(c.port), last: id });
    else if (kind === 'BlockOutput') chainEnds.set(id, { last: id });
    else chainEnds.set(id, chainEnds.get(c.id)!);
  }

  for (const id of plan.order) {
    const now = at.get(id)!;
    const node = plan.nodes.get(id)!;
    const ins = plan.inputs.get(id)!;
    let name: string;
    if (isInput(id)) name = opts.input(id);
    else if (node.kind === 'BlockOutput') name = vars.get(ins[0]!)!;
    else if (ins.length > 1) {
      // A merge continues its first input's variable (out = out + identity), else takes `x`.
      const first = vars.get(ins[0]!)!;
      if (lastUse(ins[0]!) === now && !/^branch\d/.test(first)) name = first;
      else name = fresh(free('x', now) ? 'x' : opts.label(id), now);
    } else {
      const src = ins[0]!;
      const dies = lastUse(src) === now;
      const end = chainEnds.get(id)!;
      if (dies && (plan.consumers.get(src)!.length === 1 || !end.merge)) name = vars.get(src)!;
      else name = fresh(end.merge ?? (free('x', now) ? 'x' : opts.label(end.last)), now);
    }
    vars.set(id, name);
    holder.set(name, id);
  }
  return vars;
}

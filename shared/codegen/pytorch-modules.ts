/**
 * Where the exported PyTorch code keeps each layer's module when the document's layers carry
 * torchvision's (or timm's) module names (`modulePaths`, shared/weights/names.ts): `self.fc`, a
 * member of an `nn.Sequential` when the members run one after another (`self.layer1`, VGG's
 * `self.features`), else of an `nn.ModuleDict` (`self.features.conv0` in DenseNet). So the
 * module's state_dict has the checkpoint's keys, and `load_state_dict(…, strict=True)` takes it.
 */
import type { GraphPlan } from './plan';

/** A module path's parts, `['layer1', '0']`, for each layer that keeps a name of its own. */
export interface ModulePlan {
  parts: ReadonlyMap<string, readonly string[]>;
  /** Each container by its attribute: its members in `forward`'s order, and whether they form a chain. */
  containers: ReadonlyMap<string, { members: readonly string[]; chain: boolean }>;
  /** The attributes these names take, which no other module may have. */
  claimed: ReadonlySet<string>;
}

const IDENTIFIER = /^[A-Za-z_]\w*$/;
const INDEX = /^(0|[1-9]\d*)$/;

/**
 * The parts of each path a PyTorch attribute can hold: one identifier (`fc`), or a container and
 * its member (`layer1.0`, `features.conv0`). `named(id)` says which layers own a module by that
 * name (weighted layers and blocks; every member of a container). A path that is deeper, not an
 * identifier, taken by `reserved` or already given to another layer is dropped: that layer keeps
 * the name its label gives.
 */
export function planModules(plan: GraphPlan, paths: ReadonlyMap<string, string> | undefined, reserved: ReadonlySet<string>, named: (id: string) => boolean): ModulePlan {
  const parts = new Map<string, string[]>();
  const containers = new Map<string, { members: string[]; chain: boolean }>();
  const claimed = new Set<string>();
  const singles = new Set<string>();
  const seen = new Set<string>();
  for (const id of plan.order) {
    const path = paths?.get(id);
    if (path === undefined || seen.has(path)) continue;
    const p = path.split('.');
    const ok = IDENTIFIER.test(p[0]!) && !reserved.has(p[0]!) && (p.length === 1 ? named(id) && !containers.has(p[0]!) : p.length === 2 && (IDENTIFIER.test(p[1]!) || INDEX.test(p[1]!)) && !singles.has(p[0]!));
    if (!ok) continue;
    seen.add(path);
    parts.set(id, p);
    claimed.add(p[0]!);
    if (p.length === 1) singles.add(p[0]!);
    else if (!containers.has(p[0]!)) containers.set(p[0]!, { members: [id], chain: false });
    else containers.get(p[0]!)!.members.push(id);
  }
  for (const c of containers.values()) c.chain = isChain(plan, c.members);
  return { parts, containers, claimed };
}

/** Members that come one after another in `forward`, each fed only by the one before and feeding only the next. */
function isChain(plan: GraphPlan, members: readonly string[]): boolean {
  const at = plan.order.indexOf(members[0]!);
  const outputs = new Set(plan.outputs);
  return members.every((id, i) => {
    if (plan.order[at + i] !== id || plan.inputs.get(id)!.length !== 1) return false;
    if (i > 0 && plan.inputs.get(id)![0] !== members[i - 1]) return false;
    return i === members.length - 1 || (plan.consumers.get(id)!.length === 1 && !outputs.has(id));
  });
}

/** Python for a member of a container: `self.features.conv0`, `self.layer1["0"]`. */
export function memberAccess(container: string, member: string): string {
  return INDEX.test(member) ? `self.${container}["${member}"]` : `self.${container}.${member}`;
}

/**
 * The modules of a chain as one `nn.Sequential`'s arguments, when that gives each member its
 * index: each layer's modules, in the order they were declared, must be applied one inside the
 * other (`self.relu(self.conv(x))`), and its first module must sit at its path's index.
 * `recorded` holds each member's declared modules (constructor calls) and its expression, in
 * which the placeholder `token(i)` stands for its i-th module and `input` for its input. Undefined
 * when the members cannot be one Sequential.
 */
export function sequentialOf(members: readonly { index: string; modules: readonly string[]; expr: string; input: string }[], token: (i: number) => string): string[] | undefined {
  const ctors: string[] = [];
  for (const m of members) {
    if (!INDEX.test(m.index) || Number(m.index) !== ctors.length || m.modules.length === 0) return undefined;
    const composed = m.modules.reduce((x, _, i) => `${token(i)}(${x})`, m.input);
    if (m.expr !== composed) return undefined;
    ctors.push(...m.modules);
  }
  return ctors;
}

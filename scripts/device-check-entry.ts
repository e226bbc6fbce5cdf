// What scripts/device-check.mjs needs from the TypeScript sources.
import { checkedInference, planGraph } from '../shared/codegen/plan';
import type { NetwrightDocument } from '../shared/graph/schema';

export { templates } from '../shared/templates/index';
export { toPyTorch, pytorchModule } from '../shared/codegen/pytorch';
export { toPyTorchTrainingScript } from '../shared/codegen/pytorch-train';
export { inferGraph } from '../shared/infer';
export { scriptArgs } from '../node/engine/torch/process';
export { writeBenchFolder } from '../bench/torch/folder';

/** The shape of the model's first output per sample (NHWC; [classes] for a classifier). */
export const firstOutputShape = (doc: NetwrightDocument): readonly number[] => checkedInference(doc).nodes[planGraph(doc.graph).outputs[0]!]!.shape!;

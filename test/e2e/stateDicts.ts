/** State_dicts for the end-to-end tests, written without Python. */
import { buildTemplate } from '../../shared/templates/index';
import { weightedLayers } from '../../shared/weights/convert';
import type { StateDict } from '../../shared/weights/tensor';

/** A state_dict with every tensor the template's layers need, of small fixed values (variances 1): `stateDictOf('resnet18')`. */
export function stateDictOf(id: string): StateDict {
  const tensors: StateDict = new Map();
  let seed = 0;
  for (const layer of weightedLayers(buildTemplate(id)!).layers) {
    for (const [suffix, shape] of layer.rule.expected) {
      seed++;
      const n = shape.reduce((a, b) => a * b, 1);
      const data = Float32Array.from({ length: n }, (_, i) => (suffix === 'running_var' ? 1 : Math.sin(seed * 3.1 + i * 0.7) * 0.1));
      tensors.set(`${layer.module}.${suffix}`, { dtype: 'F32', shape, data });
    }
  }
  return tensors;
}

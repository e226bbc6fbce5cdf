/** Fully connected layers. */
import { activationSpec } from './activation';
import { defineLayer, formatShape } from './types';

export const dense = defineLayer({
  kind: 'Dense',
  title: 'Dense',
  category: 'dense',
  description: 'Connects every input to each of `units` outputs (a fully connected, or FC, layer).',
  params: [
    { name: 'units', label: 'Units', type: 'int', default: 10, min: 1, max: 1_000_000 },
    activationSpec,
    { name: 'useBias', label: 'Bias', type: 'bool', default: true },
  ],
  inputs: 1,
  infer([x], p) {
    if (x!.length !== 1) {
      return {
        error: {
          message: `Dense expects a flat vector but gets ${formatShape(x!)} — insert a Flatten before it`,
          fixes: [{ label: 'Insert Flatten', insertBefore: 'Flatten' }],
        },
      };
    }
    return { shape: [p.units] };
  },
  paramCount: ([x], p) => x![0]! * p.units + (p.useBias ? p.units : 0),
  macs: ([x], p) => x![0]! * p.units,
  caption: (p) => String(p.units),
  global: true,
});

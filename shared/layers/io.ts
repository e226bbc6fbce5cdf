/**
 * Where data enters and leaves: the network's Input, and a block definition's BlockInput and
 * BlockOutput, whose shapes come from the instance that uses the block.
 */
import { defineLayer, formatShape } from './types';

export const input = defineLayer({
  kind: 'Input',
  title: 'Input',
  category: 'input',
  description: 'The image the network sees: height × width × channels.',
  params: [
    { name: 'height', label: 'Height', type: 'int', default: 28, min: 1, max: 4096 },
    { name: 'width', label: 'Width', type: 'int', default: 28, min: 1, max: 4096 },
    { name: 'channels', label: 'Channels', type: 'int', default: 1, min: 1, max: 4096 },
  ],
  inputs: 0,
  infer: (_, p) => ({ shape: [p.height, p.width, p.channels] }),
  caption: (p) => formatShape([p.height, p.width, p.channels]),
});

export const blockInput = defineLayer({
  kind: 'BlockInput',
  title: 'Block input',
  category: 'block',
  description: "Inside a block definition: the tensor fed to the instance's input `port`.",
  params: [{ name: 'port', label: 'Port', type: 'int', default: 0, min: 0, max: 63 }],
  inputs: 0,
  // The shape is the instance's input; inference supplies it (see infer.ts).
  infer: () => ({ error: { message: 'A block input only has a shape inside a block definition.' } }),
  caption: (p) => `#${p.port + 1}`,
});

export const blockOutput = defineLayer({
  kind: 'BlockOutput',
  title: 'Block output',
  category: 'block',
  description: "Inside a block definition: the tensor the instance gives out.",
  params: [],
  inputs: 1,
  infer: ([x]) => ({ shape: x! }),
  caption: () => '',
  view: true,
});

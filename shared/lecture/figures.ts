/**
 * The figures the lecture on classic CNNs states, per template: what its slide says, the number
 * it stands for, which layers it counts, and why Netwright's figure differs where it does.
 * Netwright's side is never written here: shared/lecture/compare.ts computes it from the graph.
 */

/** What a figure counts: a layer's output shape, or parameters, multiply-adds or activations summed over layers. */
export type Quantity = 'shape' | 'params' | 'macs' | 'activations';

export interface LectureFigure {
  /** What is counted, named as the lecture names the layer: "CONV1 parameters". */
  what: string;
  /** The slide's words: "(11*11*3)*96 = 35K". */
  says: string;
  quantity: Quantity;
  /** The number the slide means (its formula's value where it shows one), or the shape. */
  value: number | readonly number[];
  /** The place the slide rounds to where it gives no formula: 1e6 for "24M". Absent: exact. */
  rounding?: number;
  /** The top-level layers it sums (one for a shape); absent: the whole network. */
  nodes?: readonly string[];
  /** Why Netwright's figure differs from the slide's, where it does. */
  why?: string;
}

const NO_BIAS = 'The lecture counts no biases: Netwright adds one per filter.';
const NO_BIAS_UNITS = 'The lecture counts no biases: Netwright adds one per unit.';

/** One row of the lecture's VGG16 table: its memory and its parameters, as the slide writes them. */
function vggRow(node: string, name: string, memory: [string, number], params: [string, number]): LectureFigure[] {
  const biases = params[1] === 0 ? undefined : node.startsWith('fc') ? NO_BIAS_UNITS : NO_BIAS;
  return [
    { what: `${name} memory`, says: memory[0], quantity: 'activations', value: memory[1], nodes: [node] },
    { what: `${name} parameters`, says: params[0], quantity: 'params', value: params[1], nodes: [node], ...(biases ? { why: biases } : {}) },
  ];
}

const VGG16_ROWS: [string, string, [string, number], [string, number]][] = [
  ['input', 'Input', ['224*224*3 = 150K', 224 * 224 * 3], ['0', 0]],
  ['conv1-1', 'conv1_1 (3x3 conv, 64)', ['224*224*64 = 3.2M', 224 * 224 * 64], ['(3*3*3)*64 = 1,728', 3 * 3 * 3 * 64]],
  ['conv1-2', 'conv1_2 (3x3 conv, 64)', ['224*224*64 = 3.2M', 224 * 224 * 64], ['(3*3*64)*64 = 36,864', 3 * 3 * 64 * 64]],
  ['pool1', 'pool1', ['112*112*64 = 800K', 112 * 112 * 64], ['0', 0]],
  ['conv2-1', 'conv2_1 (3x3 conv, 128)', ['112*112*128 = 1.6M', 112 * 112 * 128], ['(3*3*64)*128 = 73,728', 3 * 3 * 64 * 128]],
  ['conv2-2', 'conv2_2 (3x3 conv, 128)', ['112*112*128 = 1.6M', 112 * 112 * 128], ['(3*3*128)*128 = 147,456', 3 * 3 * 128 * 128]],
  ['pool2', 'pool2', ['56*56*128 = 400K', 56 * 56 * 128], ['0', 0]],
  ['conv3-1', 'conv3_1 (3x3 conv, 256)', ['56*56*256 = 800K', 56 * 56 * 256], ['(3*3*128)*256 = 294,912', 3 * 3 * 128 * 256]],
  ['conv3-2', 'conv3_2 (3x3 conv, 256)', ['56*56*256 = 800K', 56 * 56 * 256], ['(3*3*256)*256 = 589,824', 3 * 3 * 256 * 256]],
  ['conv3-3', 'conv3_3 (3x3 conv, 256)', ['56*56*256 = 800K', 56 * 56 * 256], ['(3*3*256)*256 = 589,824', 3 * 3 * 256 * 256]],
  ['pool3', 'pool3', ['28*28*256 = 200K', 28 * 28 * 256], ['0', 0]],
  ['conv4-1', 'conv4_1 (3x3 conv, 512)', ['28*28*512 = 400K', 28 * 28 * 512], ['(3*3*256)*512 = 1,179,648', 3 * 3 * 256 * 512]],
  ['conv4-2', 'conv4_2 (3x3 conv, 512)', ['28*28*512 = 400K', 28 * 28 * 512], ['(3*3*512)*512 = 2,359,296', 3 * 3 * 512 * 512]],
  ['conv4-3', 'conv4_3 (3x3 conv, 512)', ['28*28*512 = 400K', 28 * 28 * 512], ['(3*3*512)*512 = 2,359,296', 3 * 3 * 512 * 512]],
  ['pool4', 'pool4', ['14*14*512 = 100K', 14 * 14 * 512], ['0', 0]],
  ['conv5-1', 'conv5_1 (3x3 conv, 512)', ['14*14*512 = 100K', 14 * 14 * 512], ['(3*3*512)*512 = 2,359,296', 3 * 3 * 512 * 512]],
  ['conv5-2', 'conv5_2 (3x3 conv, 512)', ['14*14*512 = 100K', 14 * 14 * 512], ['(3*3*512)*512 = 2,359,296', 3 * 3 * 512 * 512]],
  ['conv5-3', 'conv5_3 (3x3 conv, 512)', ['14*14*512 = 100K', 14 * 14 * 512], ['(3*3*512)*512 = 2,359,296', 3 * 3 * 512 * 512]],
  ['pool5', 'pool5', ['7*7*512 = 25K', 7 * 7 * 512], ['0', 0]],
  ['fc6', 'fc6 (FC 4096)', ['4096', 4096], ['7*7*512*4096 = 102,760,448', 7 * 7 * 512 * 4096]],
  ['fc7', 'fc7 (FC 4096)', ['4096', 4096], ['4096*4096 = 16,777,216', 4096 * 4096]],
  ['fc8', 'fc8 (FC 1000)', ['1000', 1000], ['4096*1000 = 4,096,000', 4096 * 1000]],
];

/** The lecture's example module: each convolution's multiply-adds, as "28x28x<filters>x<kernel>x<depth>". */
const ops = (node: string, name: string, filters: number, kernel: number, depth: number): LectureFigure => ({
  what: `${name} operations`,
  says: `28x28x${filters}x${kernel}x${kernel}x${depth}`,
  quantity: 'macs',
  value: 28 * 28 * filters * kernel * kernel * depth,
  nodes: [node],
});

const NAIVE_CONVS = ['module/1x1', 'module/3x3', 'module/5x5'];
const BOTTLENECK_CONVS = ['module/3x3-reduce', 'module/5x5-reduce', 'module/1x1', 'module/3x3', 'module/5x5', 'module/pool-proj'];

/** Per template id, the lecture's figures in the order the slides give them. */
export const LECTURE_FIGURES: Readonly<Record<string, readonly LectureFigure[]>> = {
  lenet5: [
    {
      what: 'Parameters',
      says: 'Only 60K parameters',
      quantity: 'params',
      value: 60_000,
      rounding: 1000,
      why:
        "The paper's LeNet-5 has about 60,000: its C3 connects each map to only some of S2's six (1,516 parameters), " +
        'its pools have two trainable coefficients per map, and its output is a layer of RBF units. Netwright connects C3 ' +
        'to all six maps (2,416 parameters), as most versions today do, and ends in a dense layer.',
    },
  ],
  alexnet: [
    { what: 'Input', says: '227x227x3', quantity: 'shape', value: [227, 227, 3], nodes: ['input'] },
    { what: 'CONV1 output', says: '(227-11)/4+1 = 55 → [55x55x96]', quantity: 'shape', value: [55, 55, 96], nodes: ['conv1'] },
    { what: 'CONV1 parameters', says: '(11*11*3)*96 = 35K', quantity: 'params', value: 11 * 11 * 3 * 96, nodes: ['conv1'], why: NO_BIAS },
    { what: 'POOL1 output', says: '(55-3)/2+1 = 27 → [27x27x96]', quantity: 'shape', value: [27, 27, 96], nodes: ['pool1'] },
    { what: 'POOL1 parameters', says: '0!', quantity: 'params', value: 0, nodes: ['pool1'] },
    {
      what: 'Parameters',
      says: '60 Million parameters',
      quantity: 'params',
      value: 60e6,
      rounding: 1e6,
      why: 'The lecture repeats the paper\'s round "60 million"; counted layer by layer, with biases, the two-tower net has nearly a million more.',
    },
  ],
  vgg16: [
    ...VGG16_ROWS.flatMap(([node, name, memory, params]) => vggRow(node, name, memory, params)),
    {
      what: 'TOTAL memory',
      says: '24M * 4 bytes ≈ 96MB / image',
      quantity: 'activations',
      value: 24e6,
      rounding: 1e6,
      why: "The lecture's sum is wrong: its own rows (150K + 3.2M + 3.2M + 800K + …) add up to 15.2M values, 61 MB (58 MiB) as 4-byte floats.",
    },
    { what: 'TOTAL params', says: '138M parameters', quantity: 'params', value: 138e6, rounding: 1e6 },
    { what: 'Parameters', says: '140 million parameters', quantity: 'params', value: 140e6, rounding: 1e7 },
  ],
  googlenet: [
    {
      what: 'Parameters',
      says: 'Only 5 million parameters!',
      quantity: 'params',
      value: 5e6,
      rounding: 1e6,
      why:
        'The lecture takes the paper\'s "12 times fewer parameters than AlexNet" (60M / 12). Counted layer by layer, with biases, ' +
        "the net of the paper's table 1 holds more: its final 1000-way linear layer alone has a million.",
    },
  ],
  'inception-naive': [
    { what: '1x1 conv, 128 output', says: '28x28x128', quantity: 'shape', value: [28, 28, 128], nodes: ['module/1x1'] },
    { what: '3x3 conv, 192 output', says: '28x28x192', quantity: 'shape', value: [28, 28, 192], nodes: ['module/3x3'] },
    { what: '5x5 conv, 96 output', says: '28x28x96', quantity: 'shape', value: [28, 28, 96], nodes: ['module/5x5'] },
    { what: '3x3 pool output', says: '28x28x256', quantity: 'shape', value: [28, 28, 256], nodes: ['module/pool-3x3'] },
    { what: 'Filter concatenation', says: '28x28x(128+192+96+256) = 28x28x672', quantity: 'shape', value: [28, 28, 672], nodes: ['module/concat'] },
    ops('module/1x1', '1x1 conv, 128', 128, 1, 256),
    ops('module/3x3', '3x3 conv, 192', 192, 3, 256),
    ops('module/5x5', '5x5 conv, 96', 96, 5, 256),
    { what: 'Total operations', says: '854M ops', quantity: 'macs', value: 854e6, rounding: 1e6, nodes: NAIVE_CONVS },
  ],
  'inception-bottleneck': [
    ops('module/3x3-reduce', '1x1 conv, 64 (3x3 reduce)', 64, 1, 256),
    ops('module/5x5-reduce', '1x1 conv, 64 (5x5 reduce)', 64, 1, 256),
    ops('module/1x1', '1x1 conv, 128', 128, 1, 256),
    ops('module/3x3', '3x3 conv, 192', 192, 3, 64),
    { ...ops('module/5x5', '5x5 conv, 96', 96, 5, 264), why: 'The slide\'s "x264" is a typo for x64: the 5x5 reduce leaves 64 channels.' },
    ops('module/pool-proj', '1x1 conv, 64 (pool projection)', 64, 1, 256),
    {
      what: 'Total operations',
      says: 'Total: 353M ops',
      quantity: 'macs',
      value: 353e6,
      rounding: 1e6,
      nodes: BOTTLENECK_CONVS,
      why: "The lecture's sum is wrong: its six rows add up to 271M with x64 on the 5x5 row (648M with the printed x264); no reading of them gives 353M.",
    },
  ],
};

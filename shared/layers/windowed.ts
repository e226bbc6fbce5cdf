/**
 * Shape inference shared by every layer that slides a window over an image (Conv2D,
 * MaxPool2D, AvgPool2D): one place that checks the input rank, applies `outputLength` to height
 * and width, and explains a window that does not fit.
 */
import { outputLength, padPairs, type Padding } from './arith';
import { formatShape, type InferResult, type Shape } from './types';

export interface Window {
  /** What the window is called in messages: "kernel" or "window". */
  noun: string;
  /** The parameter that holds the window size. */
  param: string;
  size: readonly [number, number];
  stride: readonly [number, number];
  padding: Padding;
  dilation?: number;
  ceil?: boolean;
}

type Failure = Extract<InferResult, { error: unknown }>;

/** Fail unless the input is an image: `needImage('Conv2D', [400])` explains the vector. */
export function needImage(title: string, input: Shape): Failure | undefined {
  if (input.length === 3) return undefined;
  return { error: { message: `${title} needs an image H×W×C, but gets a vector of ${formatShape(input)}. Remove the Flatten or Dense before it.` } };
}

/** `[H, W]` of the output, or an error that shows the arithmetic and offers fixes. */
export function inferWindow(title: string, input: Shape, w: Window): { hw: [number, number] } | Failure {
  const notImage = needImage(title, input);
  if (notImage) return notImage;
  const [h, wd] = input as [number, number, number];
  const pads = padPairs(w.padding);
  const dims = [0, 1].map((i) => outputLength(input[i]!, w.size[i]!, w.stride[i]!, pads === 'same' ? 'same' : pads[i]!, w.dilation, w.ceil));
  const bad = dims.findIndex((d) => d.out <= 0);
  if (bad >= 0) {
    const padded = pads !== 'same' && pads.flat().some((p) => p > 0) ? ` padded by ${pads[bad]![0]}` : '';
    const size = w.size[0] === w.size[1] ? `${w.size[0]}` : `${w.size[0]}×${w.size[1]}`;
    const room = Math.min(h, wd) + (pads === 'same' ? 0 : Math.min(pads[0][0] + pads[0][1], pads[1][0] + pads[1][1]));
    return {
      error: {
        param: w.param,
        message: `output = ${dims[bad]!.arithmetic}: ${w.noun} ${size} is larger than the ${h}×${wd} input${padded} — use padding "same" or a smaller ${w.noun}`,
        fixes: [
          { label: 'Use padding "same"', params: { padding: 'same' } },
          ...(room >= 1 ? [{ label: `Use ${w.noun} ${room}`, params: { [w.param]: room } }] : []),
        ],
      },
    };
  }
  return { hw: [dims[0]!.out, dims[1]!.out] };
}

/** The parameters every windowed layer has, for its registry entry. */
export const strideSpec = { name: 'stride', label: 'Stride', type: 'size', default: 1, min: 1, max: 64 } as const;
export const paddingSpec = {
  name: 'padding',
  label: 'Padding',
  type: 'padding',
  default: 'valid',
  options: ['valid', 'same'],
  help: '"valid" (none), "same" (keep the size at stride 1), P pixels on every side, or [top, bottom, left, right]',
} as const;

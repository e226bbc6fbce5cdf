/**
 * Shape inference shared by every layer that slides a square window over an image
 * (Conv2D, MaxPool2D, AvgPool2D): one place that checks the input rank, applies
 * `outputLength` to height and width, and explains a window that does not fit.
 */
import { outputLength, type Padding } from './arith';
import { formatShape, type InferResult, type Shape } from './types';

export interface Window {
  /** What the window is called in messages: "kernel" or "window". */
  noun: string;
  /** The parameter that holds the window size. */
  param: string;
  size: number;
  stride: number;
  padding: Padding;
  dilation?: number;
}

/** `[H, W]` of the output, or an error that shows the arithmetic and offers fixes. */
export function inferWindow(title: string, input: Shape, w: Window): { hw: [number, number] } | Extract<InferResult, { error: unknown }> {
  if (input.length !== 3) {
    return { error: { message: `${title} needs an image H×W×C, but gets a vector of ${formatShape(input)}. Remove the Flatten or Dense before it.` } };
  }
  const [h, wd] = input as [number, number, number];
  const dims = [outputLength(h, w.size, w.stride, w.padding, w.dilation), outputLength(wd, w.size, w.stride, w.padding, w.dilation)];
  const bad = dims.find((d) => d.out <= 0);
  if (bad) {
    const padded = typeof w.padding === 'number' && w.padding > 0 ? ` padded by ${w.padding}` : '';
    const fits = Math.min(h, wd) + 2 * (typeof w.padding === 'number' ? w.padding : 0);
    return {
      error: {
        param: w.param,
        message: `output = ${bad.arithmetic}: ${w.noun} ${w.size} is larger than the ${h}×${wd} input${padded} — use padding "same" or a smaller ${w.noun}`,
        fixes: [
          { label: 'Use padding "same"', params: { padding: 'same' } },
          ...(fits >= 1 ? [{ label: `Use ${w.noun} ${fits}`, params: { [w.param]: fits } }] : []),
        ],
      },
    };
  }
  return { hw: [dims[0]!.out, dims[1]!.out] };
}

/** The parameters every windowed layer has, for its registry entry. */
export const strideSpec = { name: 'stride', label: 'Stride', type: 'int', default: 1, min: 1, max: 64 } as const;
export const paddingSpec = {
  name: 'padding',
  label: 'Padding',
  type: 'padding',
  default: 'valid',
  options: ['valid', 'same'],
  help: '"valid" (none), "same" (keep the size at stride 1) or P pixels on every side',
} as const;

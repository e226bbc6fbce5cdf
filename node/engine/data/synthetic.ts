/**
 * Synthetic images of any size and channel count: N classes of shapes and textures (disc,
 * square, triangle, ring, cross × solid, stripes across, stripes down, checks; finer stripes
 * beyond 20 classes) at a random place, size and colour on a noisy background. Each image is
 * generated when it is read, from its index alone, so a 224×224 dataset costs no memory and
 * the same index always gives the same image.
 */
import { seededRandom } from './random';
import type { Pool } from './subset';

/** Images per class. */
export const SYNTHETIC_PER_CLASS = 500;

const SHAPES = ['disc', 'square', 'triangle', 'ring', 'cross'] as const;
const TEXTURES = ['solid', 'stripes across', 'stripes down', 'checks'] as const;

/** The name of class `k`: "disc, solid", "square, stripes across", … */
export function syntheticClassName(k: number): string {
  const fine = Math.floor(k / (SHAPES.length * TEXTURES.length));
  return `${SHAPES[k % SHAPES.length]}, ${TEXTURES[Math.floor(k / SHAPES.length) % TEXTURES.length]}${fine > 0 ? ` ×${fine + 1}` : ''}`;
}

/** Is (u, v), relative to the centre in units of the radius, inside the shape? */
function inside(shape: (typeof SHAPES)[number], u: number, v: number): boolean {
  switch (shape) {
    case 'disc':
      return u * u + v * v <= 1;
    case 'square':
      return Math.abs(u) <= 0.8 && Math.abs(v) <= 0.8;
    case 'triangle':
      return v <= 0.8 && v >= -1 + 2 * Math.abs(u) * 0.9;
    case 'ring': {
      const r = u * u + v * v;
      return r <= 1 && r >= 0.4;
    }
    case 'cross':
      return (Math.abs(u) <= 0.3 && Math.abs(v) <= 1) || (Math.abs(v) <= 0.3 && Math.abs(u) <= 1);
  }
}

/** `syntheticPool(32, 32, 10, 3)`: 5,000 images of 32×32×3 in 10 classes. */
export function syntheticPool(height: number, width: number, classes: number, channels: number): Pool {
  const count = classes * SYNTHETIC_PER_CLASS;
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) labels[i] = i % classes;
  const read = (i: number, out: Uint8Array, offset: number) => {
    const k = i % classes;
    const rand = seededRandom(Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(classes * 131 + channels, 0x85ebca6b) ^ (height * 7919 + width));
    const shape = SHAPES[k % SHAPES.length]!;
    const texture = TEXTURES[Math.floor(k / SHAPES.length) % TEXTURES.length]!;
    const period = Math.max(2, Math.round(Math.min(height, width) / (6 * (1 + Math.floor(k / (SHAPES.length * TEXTURES.length))))));
    const radius = Math.min(height, width) * (0.22 + 0.12 * rand());
    const cy = radius + rand() * (height - 2 * radius);
    const cx = radius + rand() * (width - 2 * radius);
    const phase = Math.floor(rand() * period * 2);
    const fg = Array.from({ length: channels }, () => 140 + rand() * 115);
    const bg = Array.from({ length: channels }, () => rand() * 70);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const on = inside(shape, (x - cx) / radius, (y - cy) / radius);
        const a = Math.floor((y + phase) / period) % 2;
        const b = Math.floor((x + phase) / period) % 2;
        const bright = texture === 'solid' || (texture === 'stripes across' ? a === 0 : texture === 'stripes down' ? b === 0 : (a ^ b) === 0);
        const noise = (rand() - 0.5) * 40;
        let o = offset + (y * width + x) * channels;
        for (let c = 0; c < channels; c++) {
          const v = on ? fg[c]! * (bright ? 1 : 0.35) + noise * 0.5 : bg[c]! + noise;
          out[o++] = v < 0 ? 0 : v > 255 ? 255 : v;
        }
      }
    }
  };
  const classNames = Array.from({ length: classes }, (_, k) => syntheticClassName(k));
  return { title: `synthetic ${height}×${width}×${channels}, ${classes} classes`, shape: [height, width, channels], classNames, all: { count, labels, read }, notes: [] };
}

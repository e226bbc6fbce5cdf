/** The pictures of look inside: an RGB filter tile per filter of a first convolution on colour images, and the heat colours. */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { filterGrid, heatColour } from '../../../node/engine/loop/explain-pictures';

const pixelsOf = async (png: string) => sharp(Buffer.from(png.split(',')[1]!, 'base64')).raw().toBuffer({ resolveWithObject: true });

describe('explain pictures', () => {
  it("draws a 3-channel convolution's filters in colour, each scaled over its own three channels", async () => {
    // Two 2×2 filters on RGB, tfjs's [kh, kw, in, out] order: value = 10·out + 4·(y·2 + x) + channel.
    const kernel = new Float32Array(2 * 2 * 3 * 2);
    for (let y = 0; y < 2; y++) for (let x = 0; x < 2; x++) for (let i = 0; i < 3; i++) for (let o = 0; o < 2; o++) kernel[((y * 2 + x) * 3 + i) * 2 + o] = 10 * o + 4 * (y * 2 + x) + i;
    const grid = await filterGrid(kernel, [2, 2, 3, 2]);
    expect(grid).toMatchObject({ count: 2, cols: 2, rows: 1, tileWidth: 32, tileHeight: 32, width: 65, height: 32 });
    const { data, info } = await pixelsOf(grid.png);
    expect(info.channels).toBe(3);
    // Each filter spans 0…14 of its own: its top-left pixel is (0, 1, 2) → 0, 18, 36 of 255, its bottom-right (12, 13, 14) → 219, 237, 255.
    const at = (x: number, y: number) => Array.from(data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3));
    for (const left of [0, 33]) {
      expect(at(left, 0)).toEqual([0, 18, 36]);
      expect(at(left + 31, 31)).toEqual([219, 237, 255]);
    }
    expect(at(32, 5)).toEqual([48, 48, 48]); // the gap
  });

  it('colours heat from blue through green to red', () => {
    expect(heatColour(0)).toEqual([0, 0, 128]);
    expect(heatColour(0.5)).toEqual([128, 255, 128]);
    expect(heatColour(1)).toEqual([128, 0, 0]);
  });
});

/**
 * A weights file's tensors, whichever format it is in: a PyTorch `.pth` (a zip) or a
 * safetensors file, told apart by their first bytes rather than the name.
 */
import { readPth } from './pth';
import { looksLikeSafetensors, readSafetensors } from './safetensors';
import type { StateDict } from './tensor';

/** The tensors of `bytes`, read from the file called `file`: `readWeights(bytes, 'resnet50.pth')`. */
export function readWeights(bytes: Uint8Array, file: string): StateDict {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return readPth(bytes, file);
  if (looksLikeSafetensors(bytes)) return readSafetensors(bytes, file);
  if (bytes[0] === 0x80) throw new Error(`${file} is a PyTorch file in the format before torch 1.6; load it in PyTorch and save it again with torch.save(state_dict, path).`);
  throw new Error(`${file} is neither a PyTorch .pth (a zip) nor a safetensors file.`);
}

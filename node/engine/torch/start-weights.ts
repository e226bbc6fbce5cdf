/**
 * A torch run's starting weights (fine-tuning), put where train.py reads them: `--weights NAME` in
 * the run's folder. A PyTorch file is copied under its own name; a safetensors file is written as
 * a .pth (torch.load reads it without the safetensors package); a torch run's folder gives its
 * model.pt. A tfjs run's folder is refused: its weights are tfjs's, in another layout.
 */
import { existsSync, statSync } from 'node:fs';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { writePth } from '../../../shared/weights/pth';
import { readWeights } from '../../../shared/weights/read';
import { looksLikeSafetensors } from '../../../shared/weights/safetensors';

/** `await placeStartWeights({ path: 'resnet18.safetensors' }, dir)` → `'resnet18.pth'`, the name train.py's --weights takes. */
export async function placeStartWeights(source: { path: string; name?: string }, dir: string): Promise<string> {
  const shown = source.name ?? source.path;
  if (!existsSync(source.path)) throw new Error(`${shown} does not exist.`);
  let file = source.path;
  if (statSync(file).isDirectory()) {
    if (existsSync(join(file, 'model.json'))) throw new Error(`${shown} holds a tfjs run's weights: fine-tune from it with the tfjs engine, or start the torch run from a .pth file.`);
    file = join(file, 'model.pt');
    if (!existsSync(file)) throw new Error(`${shown} holds no saved model (model.pt of a torch run).`);
  }
  const bytes = new Uint8Array(await readFile(file));
  const name = basename(source.name ?? file).replace(/[^\w.\-+]/g, '_');
  if (looksLikeSafetensors(bytes)) {
    const pth = name.replace(/\.safetensors$/i, '') + '.pth';
    await writeFile(join(dir, pth), writePth(readWeights(bytes, shown)));
    return pth;
  }
  await copyFile(file, join(dir, name));
  return name;
}

/** Loading a saved model: a torch run's model.pt is named as such, not reported as a missing model.json. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../../node/engine/loop/checkpoint';

describe('loadModel', () => {
  it("says that a torch engine's folder holds PyTorch weights", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netwright-torch-model-'));
    writeFileSync(join(dir, 'netwright.json'), JSON.stringify({ format: 'netwright-model', version: 1, engine: 'torch' }));
    writeFileSync(join(dir, 'model.pt'), 'weights');
    await expect(loadModel(dir)).rejects.toThrow(`${dir} holds a PyTorch model.pt from the torch engine: evaluating reads tfjs models (load it in PyTorch with load_state_dict).`);
  });
});

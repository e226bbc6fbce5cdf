/**
 * The generated train.py, run by python3-torch: a few batches of synthetic images, of MNIST-format
 * IDX files and of an image folder print Netwright's training events (checked against
 * TrainEventSchema) ending in done; the document's optimizer, schedule, normalisation and
 * augmentation are used; a missing dataset is an error event; two processes set up as torchrun
 * would train one model with DistributedDataParallel (gloo, on the CPU) and only rank 0 prints.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { toPyTorchTrainingScript } from '../../../shared/codegen/pytorch-train';
import { groupIntoBlock } from '../../../shared/document/group';
import { buildTemplate } from '../../../shared/templates/index';
import { cornerCases } from './fixtures';
import { events, freePort, loadStateDict, PYTHON, python, pythonHas, type Run } from './python';
import { describeWhen } from '../../skip';

const hasTorch = pythonHas('torch');
if (!hasTorch) console.warn(`Skipping the runs of generated train.py: ${PYTHON} cannot import torch (apt-get install python3-torch).`);

/** An IDX file as MNIST's are: 0, 0, type 8 (unsigned byte), rank, sizes (big-endian), then the bytes. */
function idx(dims: number[], fill: (i: number) => number): Buffer {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header[2] = 0x08;
  header[3] = dims.length;
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  const size = dims.reduce((a, b) => a * b, 1);
  return Buffer.concat([header, Buffer.from(Array.from({ length: size }, (_, i) => fill(i) & 255))]);
}

describe('PyTorch training script', () => {
  it("embeds the model and carries the document's training settings", () => {
    const doc = buildTemplate('lenet5')!;
    doc.training = { ...doc.training, optimizer: 'sgd', learningRate: 0.05, batchSize: 64, epochs: 4, seed: 7, schedule: { kind: 'step', every: 2, gamma: 0.5 } };
    const script = toPyTorchTrainingScript(doc);
    expect(script).toContain('class LeNet5(nn.Module):');
    // LeNet-5 ends in a softmax, which the model's forward() leaves out: CrossEntropyLoss on its logits.
    expect(script).toContain('MODEL = LeNet5\nINPUT = (1, 28, 28)  # channels, height, width\nCLASSES = 10\nENDS_IN_SOFTMAX = False\n');
    expect(script).toContain("The network ends in a softmax, which MODEL's forward() leaves out, as torchvision's models do:\nit returns logits, and the loss is CrossEntropyLoss on them");
    expect(script).not.toContain('nn.Softmax');
    for (const line of ['"optimizer": "sgd",', '"learningRate": 0.05,', '"batchSize": 64,', '"epochs": 4,', '"seed": 7,', '"schedule": {"kind": "step", "every": 2, "gamma": 0.5},']) {
      expect(script).toContain(`\n    ${line}\n`);
    }
    expect(script).not.toContain('if __name__ == "__main__":\n    model =');
    expect(toPyTorchTrainingScript(buildTemplate('alexnet-tv')!)).toContain('ENDS_IN_SOFTMAX = False');
  });

  it('keeps a softmax that sits inside a block, and then trains on its probabilities', () => {
    const lenet = buildTemplate('lenet5')!;
    const output = lenet.graph.nodes.find((n) => n.params.activation === 'softmax')!;
    const grouped = groupIntoBlock(lenet, [output.id], 'Head');
    if ('error' in grouped) throw new Error(grouped.error);
    const script = toPyTorchTrainingScript(grouped.doc);
    expect(script).toContain('ENDS_IN_SOFTMAX = True\n');
    expect(script).toContain('nn.Softmax(dim=1)');
    expect(script).toContain('The model ends in a softmax inside a block, which forward() keeps');
  });

  it('takes --save DIR and saves the trained weights there (one process per machine: LOCAL_RANK 0) before the done event', () => {
    const script = toPyTorchTrainingScript(buildTemplate('lenet5')!);
    expect(script).toContain('    p.add_argument("--save", metavar="DIR", action="append"');
    expect(script).toContain('    return not distributed or int(os.environ.get("LOCAL_RANK", "0")) == 0\n');
    expect(script).toMatch(/ {4}if args\.save and saves_weights\(distributed\):\n {8}save_weights\(model, args\.save\)\n[^]*emit\(\{"type": "done"/);
  });
});

describeWhen(hasTorch, 'torch')('PyTorch training script runs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'netwright-train-'));
  const script = join(dir, 'train.py');
  const cosine = join(dir, 'train_cosine.py');
  const corner = join(dir, 'train_corner.py');
  const mnist = join(dir, 'mnist');
  const folder = join(dir, 'shapes');
  let synthetic: Run;
  let idxRun: Run;
  let folderRun: Run;
  let missing: Run;
  let compiled: Run;
  let lazy: Run;
  let ranks: Run[];

  beforeAll(async () => {
    writeFileSync(script, toPyTorchTrainingScript(buildTemplate('lenet5')!));
    const lenet = buildTemplate('lenet5')!;
    lenet.training = { ...lenet.training, optimizer: 'rmsprop', schedule: { kind: 'cosine' } };
    writeFileSync(cosine, toPyTorchTrainingScript(lenet));
    const doc = cornerCases();
    doc.training = { ...doc.training, optimizer: 'sgd', momentum: 0.9, weightDecay: 1e-4, normalization: 'standardize', augmentation: { flip: true, crop: 2 }, schedule: { kind: 'step', every: 1, gamma: 0.5 } };
    writeFileSync(corner, toPyTorchTrainingScript(doc));
    // torchvision's layout: <root>/MNIST/raw; one file gzipped, one not.
    mkdirSync(join(mnist, 'MNIST', 'raw'), { recursive: true });
    writeFileSync(join(mnist, 'MNIST', 'raw', 'train-images-idx3-ubyte.gz'), gzipSync(idx([40, 28, 28], (i) => i * 7)));
    writeFileSync(join(mnist, 'MNIST', 'raw', 'train-labels-idx1-ubyte'), idx([40], (i) => i % 10));
    // Two classes of 8×8 grey images (PGM, which Pillow reads), resized to 28×28.
    for (const [k, name] of ['dark', 'light'].entries()) {
      mkdirSync(join(folder, name), { recursive: true });
      for (let i = 0; i < 6; i++) writeFileSync(join(folder, name, `${i}.pgm`), Buffer.concat([Buffer.from('P5\n8 8\n255\n'), Buffer.alloc(64, k * 200 + i)]));
    }
    const port = await freePort();
    const ddp = (rank: number) =>
      python([script, '--dataset', 'synthetic:28:10:1', '--epochs', '1', '--limit', '64', '--batch-size', '8', '--save', join(dir, 'ddp')], {
        env: { MASTER_ADDR: '127.0.0.1', MASTER_PORT: String(port), WORLD_SIZE: '2', RANK: String(rank), LOCAL_RANK: String(rank), CUDA_VISIBLE_DEVICES: '' },
      });
    [synthetic, idxRun, folderRun, missing, compiled, lazy, ...ranks] = await Promise.all([
      python([cosine, '--dataset', 'synthetic:28:10:1', '--epochs', '2', '--limit', '48', '--batch-size', '16']),
      python([script, '--dataset', 'mnist', '--data', mnist, '--epochs', '1', '--batch-size', '16']),
      python([script, '--dataset', `${folder}/`, '--epochs', '1', '--batch-size', '4']),
      python([script, '--dataset', 'fashion-mnist', '--data', mnist]),
      python(['-m', 'py_compile', script, corner]),
      python([corner, '--dataset', 'synthetic:20:3', '--epochs', '2', '--limit', '16', '--batch-size', '8']),
      ddp(0),
      ddp(1),
    ]);
  }, 300_000);

  it('compiles, the DistributedDataParallel branch included', () => {
    expect(compiled.err).toBe('');
    expect(compiled.code).toBe(0);
  });

  it('trains LeNet-5 on synthetic images, printing start, batch, epoch and done events', () => {
    expect(synthetic.code, synthetic.err).toBe(0);
    const e = events(synthetic);
    // 5,000 images (500 a class), a fifth held out; the first 48 of the rest trained on.
    expect(e[0]).toMatchObject({ type: 'start', engine: 'torch', backend: 'cpu', epochs: 2, batchesPerEpoch: 3, trainSamples: 48, valSamples: 1000, inputShape: [28, 28, 1] });
    const batches = e.filter((x) => x.type === 'batch');
    expect(batches.at(-1)).toMatchObject({ epoch: 2, batch: 3, batches: 3 });
    // The cosine schedule takes the rate down batch by batch.
    const rates = batches.map((b) => (b.type === 'batch' ? b.learningRate! : 0));
    expect(rates[0]).toBe(buildTemplate('lenet5')!.training.learningRate);
    expect(rates.at(-1)).toBeLessThan(rates[0]!);
    expect(e.filter((x) => x.type === 'epoch')).toHaveLength(2);
    // After each epoch, the confusion matrix of the 1,000 held-out images and each class's accuracy.
    const evaluations = e.filter((x) => x.type === 'evaluation');
    expect(evaluations.map((x) => x.epoch)).toEqual([1, 2]);
    const last = evaluations.at(-1)!;
    if (last.type === 'evaluation') {
      expect(last.confusion.flat().reduce((a, b) => a + b, 0)).toBe(1000);
      expect(last.perClassAccuracy).toEqual(last.confusion.map((row, i) => row[i]! / row.reduce((a, b) => a + b, 0)));
      expect(last.classNames).toHaveLength(10);
    }
    const done = e.at(-1)!;
    expect(done).toMatchObject({ type: 'done', engine: 'torch', backend: 'cpu' });
    if (done.type === 'done') {
      expect(done.epochs).toHaveLength(2);
      expect(done.epochs[0]!.loss).toBeGreaterThan(0);
      // Each epoch's time, as the tfjs engine reports it: what the run's estimate is checked against.
      expect(done.epochs.every((m) => m.seconds! > 0)).toBe(true);
      expect(done.samplesPerSecond).toBeGreaterThan(0);
    }
  });

  it("reads MNIST's IDX files in torchvision's layout, gzipped or not, and holds out the validation share", () => {
    expect(idxRun.code, idxRun.err).toBe(0);
    const e = events(idxRun);
    expect(e[0]).toMatchObject({ type: 'start', dataset: 'MNIST', trainSamples: 32, valSamples: 8, batchesPerEpoch: 2 });
    expect(e.at(-1)!.type).toBe('done');
  });

  it('reads a folder of images, one sub-folder per class, fitted to the input', () => {
    expect(folderRun.code, folderRun.err).toBe(0);
    const e = events(folderRun);
    expect(e[0]).toMatchObject({ type: 'start', classNames: ['dark', 'light'], trainSamples: 10, valSamples: 2 });
    expect(e.at(-1)!.type).toBe('done');
  });

  it('says what is missing when the dataset is not there, and exits 1', () => {
    expect(missing.code).toBe(1);
    const [error] = events(missing);
    expect(error).toMatchObject({ type: 'error' });
    expect(error?.type === 'error' && error.message).toMatch(/^fashion-mnist: train-images-idx3-ubyte\[\.gz\] is in none of .*FashionMNIST\/raw; put the IDX files there \(this script downloads nothing\), or use --dataset synthetic:32:10$/);
  });

  it('trains with momentum, weight decay, a step schedule, standardised and augmented images, Lazy modules and two outputs', () => {
    expect(lazy.code, lazy.err).toBe(0);
    const e = events(lazy);
    const rates = e.flatMap((x) => (x.type === 'batch' ? [x.learningRate] : []));
    expect(rates.at(0)! / rates.at(-1)!).toBeCloseTo(2);
    expect(e.filter((x) => x.type === 'epoch')).toHaveLength(2);
    expect(e.at(-1)!.type).toBe('done');
  });

  it('trains with DistributedDataParallel in two processes as torchrun starts them; only rank 0 prints; --save keeps the unwrapped model', async () => {
    const [zero, one] = ranks;
    expect(zero!.code, zero!.err).toBe(0);
    expect(one!.code, one!.err).toBe(0);
    expect(one!.out).toBe('');
    const e = events(zero!);
    expect(e[0]).toEqual({ type: 'log', message: 'DistributedDataParallel: 2 process(es), gloo, on cpu' });
    // 64 samples, 8 per batch, half of them per process.
    expect(e[1]).toMatchObject({ type: 'start', batchesPerEpoch: 4, trainSamples: 64 });
    expect(e.at(-1)!.type).toBe('done');
    // The model's own state_dict, without DistributedDataParallel's "module." prefix.
    const loaded = await loadStateDict(buildTemplate('lenet5')!, join(dir, 'ddp', 'model.pt'));
    expect(loaded.code, loaded.err).toBe(0);
  });
});

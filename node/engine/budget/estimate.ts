/**
 * What a run will need before it starts (`train.estimate`): memory from the shape inference's
 * totals, and, with a probe's speed, seconds per epoch. The memory model, in float32 bytes:
 *
 *   weights      = (trainable + non-trainable parameters) · 4
 *   gradients    = trainable parameters · 4
 *   optimizer    = slots · trainable parameters · 4   (Adam 2, RMSprop 1, SGD with momentum 1, SGD 0)
 *   activations  = 3 · activation bytes per sample · batch   (outputs kept for the backward
 *                  pass, their gradients, and the kernels' temporaries)
 *
 * Frozen layers' weights (transfer learning) have no gradients and no optimizer state.
 *
 * compared with what the trainer may use: the machine's free memory, at most 4 GiB on the
 * wasm backend (a 32-bit heap), or, for the torch engine on CUDA, the GPU's memory.
 */
import type { Estimate } from '../../../shared/api';
import type { Training } from '../../../shared/graph/schema';
import { parameterSplit } from '../../../shared/document/transfer';
import { inferGraph } from '../../../shared/infer';
import type { NetwrightDocument } from '../../../shared/graph/schema';
import type { ProbeReply } from '../protocol/messages';

export const WASM_HEAP_LIMIT = 4 * 2 ** 30;
const ACTIVATION_FACTOR = 3;

const slots = (t: Pick<Training, 'optimizer' | 'momentum'>) => (t.optimizer === 'adam' ? 2 : t.optimizer === 'rmsprop' ? 1 : t.momentum > 0 ? 1 : 0);

/** Bytes a run of `doc` needs at a batch size (see the model above). */
export function memoryAt(doc: NetwrightDocument, settings: Pick<Training, 'optimizer' | 'momentum'>, batchSize: number): Estimate['memory'] {
  const inference = inferGraph(doc.graph, doc.blocks);
  const { totals } = inference;
  const { trainable } = parameterSplit(doc, inference);
  const weights = (totals.params + totals.nonTrainable) * 4;
  const gradients = trainable * 4;
  const optimizerState = slots(settings) * trainable * 4;
  const activations = ACTIVATION_FACTOR * totals.activationBytes * batchSize;
  return { weights, gradients, optimizerState, activations, total: weights + gradients + optimizerState + activations };
}

/**
 * Bytes a forward pass in inference mode holds at a batch size: the weights, and twice the
 * activations (a layer's input and output live together, with the kernels' temporaries), which
 * counts every layer's output as if all were alive at once, so it errs on the large side.
 * `forwardMemoryAt(vgg16(), 8)` → 553 MB of weights + 2 · 8 · 61 MB.
 */
export function forwardMemoryAt(doc: NetwrightDocument, batchSize: number): number {
  const { totals } = inferGraph(doc.graph, doc.blocks);
  return (totals.params + totals.nonTrainable) * 4 + 2 * totals.activationBytes * batchSize;
}

/** What a forward pass may use on a backend: free memory, and at most the 4 GiB heap on wasm, with what sets it. */
export function forwardLimit(backend: string, freeMemory: number): { limit: number; reason: string } {
  return backend === 'wasm' && WASM_HEAP_LIMIT < freeMemory ? { limit: WASM_HEAP_LIMIT, reason: 'the wasm backend\'s 4 GiB heap' } : { limit: freeMemory, reason: 'free memory' };
}

export interface Machine {
  totalMemory: number;
  freeMemory: number;
  /** The backend the run will (probably) use: 'wasm' caps the heap at 4 GiB; 'torch' for the torch engine. */
  backend: string;
  /** For the torch engine on CUDA: the (smallest) GPU's memory, which then is the limit. */
  gpuMemory?: number;
}

const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(bytes < 2 ** 30 ? 2 : 1)} GiB`;

/**
 * The estimate for a document at its batch size on a machine, with the probe's timing when
 * there is one: `estimateRun(doc, settings, { totalMemory, freeMemory, backend: 'wasm' }, probe)`.
 */
export function estimateRun(doc: NetwrightDocument, settings: Pick<Training, 'optimizer' | 'momentum' | 'batchSize'>, machine: Machine, probe?: ProbeReply): Estimate {
  const memory = memoryAt(doc, settings, settings.batchSize);
  const wasm = machine.backend === 'wasm';
  const gpu = machine.gpuMemory;
  const limit = gpu ?? (wasm ? Math.min(machine.freeMemory, WASM_HEAP_LIMIT) : machine.freeMemory);
  const limitReason = gpu ? 'the GPU\'s memory' : wasm && WASM_HEAP_LIMIT < machine.freeMemory ? 'the wasm backend\'s 4 GiB heap' : 'free memory';
  const fits = memory.total <= limit;
  let suggestedBatchSize: number | undefined;
  let warning: string | undefined;
  if (memory.total > 0.8 * limit) {
    for (let b = 2 ** Math.floor(Math.log2(settings.batchSize)); b >= 1; b /= 2) {
      if (memoryAt(doc, settings, b).total <= 0.8 * limit) {
        suggestedBatchSize = b;
        break;
      }
    }
    const need = `This run needs about ${gib(memory.total)} (${gib(memory.activations)} of it activations for a batch of ${settings.batchSize}), and ${limitReason} allows ${gib(limit)}`;
    const advice = suggestedBatchSize && suggestedBatchSize < settings.batchSize ? `try a batch size of ${suggestedBatchSize}` : 'the weights and optimizer state alone are too large: use a smaller network or input';
    warning = fits ? `${need}: it may run out of memory — ${advice}.` : `${need}: it will not fit — ${advice}.`;
  }
  const time = probe && timeOf(probe);
  return {
    batchSize: settings.batchSize,
    memory,
    available: { totalMemory: machine.totalMemory, freeMemory: machine.freeMemory, limit, limitReason },
    fits,
    ...(warning ? { warning } : {}),
    ...(suggestedBatchSize !== undefined ? { suggestedBatchSize } : {}),
    ...(time ? { time } : {}),
  };
}

/** Seconds an epoch takes by a probe's timings: validation at 3× the training speed where it was not timed. */
export function timeOf(probe: ProbeReply): NonNullable<Estimate['time']> {
  const valSamplesPerSecond = probe.valSamplesPerSecond ?? 3 * probe.samplesPerSecond;
  const epochOverheadSeconds = probe.epochOverheadSeconds ?? 0;
  return {
    engine: probe.engine,
    backend: probe.backend,
    samplesPerSecond: probe.samplesPerSecond,
    valSamplesPerSecond,
    epochOverheadSeconds,
    trainSamples: probe.trainSamples,
    valSamples: probe.valSamples,
    secondsPerEpoch: probe.trainSamples / probe.samplesPerSecond + probe.valSamples / valSamplesPerSecond + epochOverheadSeconds,
  };
}

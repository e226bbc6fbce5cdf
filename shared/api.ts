/**
 * The one API between the UI and the engine service: every method's request and reply, and
 * every event, as zod schemas. Both transports (Electron IPC, the browser mode's WebSocket)
 * carry exactly these, and both validate every payload against them.
 */
import { z } from 'zod';
import { DOWNLOADABLE_DATASETS, parseDatasetSpec } from './datasets';
import { DocumentSchema, OPTIMIZERS, TrainingSchema } from './graph/schema';
import { HealthEventSchema } from './health';

const ShapeSchema = z.array(z.number().int());

const ReceptiveFieldSchema = z.object({ size: z.number(), jump: z.number() }).nullable();

export const SummaryLayerSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  outputShape: ShapeSchema.nullable(),
  params: z.number(),
  nonTrainable: z.number(),
  macs: z.number(),
  activations: z.number(),
  /** Pixels of the input one output sees, and the step between neighbours; null after Flatten/Dense. */
  receptiveField: ReceptiveFieldSchema,
});

export const SummarySchema = z.object({
  layers: z.array(SummaryLayerSchema),
  totals: z.object({ params: z.number(), nonTrainable: z.number(), macs: z.number(), activations: z.number(), activationBytes: z.number() }),
  /** One row per block instance: what it is and what it adds up to. */
  blocks: z.array(z.object({ id: z.string(), name: z.string(), block: z.string(), outputShape: ShapeSchema.nullable(), params: z.number(), macs: z.number(), layers: z.number() })),
  errors: z.array(z.object({ node: z.string(), message: z.string() })),
});

export const EpochMetricsSchema = z.object({
  epoch: z.number().int(),
  loss: z.number(),
  acc: z.number(),
  valLoss: z.number(),
  valAcc: z.number(),
  /** Wall-clock seconds the epoch took, training and validation, pauses left out (runs since the estimate was checked against them). */
  seconds: z.number().optional(),
});

/** A dataset spec string (see shared/datasets.ts), checked. */
export const DatasetSpecSchema = z
  .string()
  .min(1)
  .max(1000)
  .superRefine((text, ctx) => {
    const parsed = parseDatasetSpec(text);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
  });

/** The tfjs backends, best first; a run may ask for one (it falls back to the next that loads). */
export const BACKENDS = ['tensorflow', 'wasm', 'cpu'] as const;

/** A backend as people read it: `describeBackend('wasm', 2)` → "wasm · 2 threads". */
export const describeBackend = (backend: string, threads?: number): string => (threads ? `${backend} · ${threads} thread${threads === 1 ? '' : 's'}` : backend);

/** The training engines: built-in TensorFlow.js, or PyTorch in a Python child process. */
export const ENGINES = ['tfjs', 'torch'] as const;

/** Settings for one run that override the document's `training` (all optional). */
export const TrainOptionsSchema = z.object({
  epochs: z.number().int().min(1).max(1000).optional(),
  batchSize: z.number().int().min(1).max(4096).optional(),
  /** Use only the first N training samples. */
  limit: z.number().int().min(1).optional(),
  dataset: DatasetSpecSchema.optional(),
  optimizer: z.enum(OPTIMIZERS).optional(),
  learningRate: z.number().positive().max(10).optional(),
  /** The tfjs backend to try first. */
  backend: z.enum(BACKENDS).optional(),
  /** Threads for the wasm backend (default: all cores for networks big enough to gain from them, else 1). */
  threads: z.number().int().min(1).max(8).optional(),
  /** `tfjs`: the built-in engine (default); `torch`: the generated PyTorch code in a Python process. */
  engine: z.enum(ENGINES).optional(),
});

const ShapeTriple = z.tuple([z.number().int(), z.number().int(), z.number().int()]);

/** A validation image with what the network made of it: a small PNG data URL. */
export const SampleSchema = z.object({ label: z.number().int(), predicted: z.number().int(), confidence: z.number(), png: z.string() });

/**
 * How the network did on the validation set after an epoch: `confusion[true][predicted]`
 * counts, the accuracy of each class (NaN-free: a class without samples has null), and a few
 * samples (always some mistakes first when there are any).
 */
export const EvaluationSchema = z.object({
  epoch: z.number().int(),
  classNames: z.array(z.string()),
  confusion: z.array(z.array(z.number().int())),
  perClassAccuracy: z.array(z.number().nullable()),
  samples: z.array(SampleSchema),
});

/**
 * What a trainer reports while it runs; the last event of a run is done, stopped or error.
 * Fields marked optional are always sent by the tfjs engine; they are optional so that events
 * from older trainers (and hand-made ones in tests) still parse.
 */
export const TrainEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('start'),
    engine: z.string(),
    backend: z.string(),
    /** The wasm backend's threads. */
    threads: z.number().int().optional(),
    epochs: z.number(),
    batchesPerEpoch: z.number(),
    trainSamples: z.number(),
    valSamples: z.number(),
    /** The dataset's name, e.g. "Fashion-MNIST". */
    dataset: z.string().optional(),
    classNames: z.array(z.string()).optional(),
    /** The Input's [height, width, channels]. */
    inputShape: ShapeTriple.optional(),
    /** Where this run's record is kept (the app's run history), when it is kept. */
    runDir: z.string().optional(),
    /** Per channel, how the torch engine's train.py fed the images: x = (pixel / 255 − mean) / std (sent by the torch engine only). */
    normalization: z.object({ mean: z.array(z.number()), std: z.array(z.number()) }).optional(),
    /** Weights training may change, and weights of frozen layers (BatchNorm's running statistics in neither). */
    trainableParams: z.number().int().optional(),
    frozenParams: z.number().int().optional(),
  }),
  z.object({
    type: z.literal('batch'),
    epoch: z.number(),
    batch: z.number(),
    batches: z.number(),
    loss: z.number(),
    acc: z.number(),
    /** Seconds until the run is done (training and validation), from the speed so far. */
    eta: z.number().optional(),
    /** The current learning rate (after the schedule). */
    learningRate: z.number().optional(),
  }),
  EpochMetricsSchema.extend({ type: z.literal('epoch') }),
  EvaluationSchema.extend({ type: z.literal('evaluation') }),
  z.object({
    type: z.literal('done'),
    epochs: z.array(EpochMetricsSchema),
    engine: z.string(),
    backend: z.string(),
    samplesPerSecond: z.number(),
    /** The epoch with the highest validation accuracy (its weights are kept in the run's record). */
    bestEpoch: z.number().int().optional(),
  }),
  z.object({ type: z.literal('paused') }),
  z.object({ type: z.literal('resumed') }),
  z.object({ type: z.literal('stopped') }),
  z.object({ type: z.literal('error'), message: z.string() }),
  z.object({ type: z.literal('log'), message: z.string() }),
  /** Every few batches: each node's gradient norm, update-to-weight ratio and dead units (shared/health.ts). */
  HealthEventSchema,
]);

/** A dataset download's progress (bytes so far of the archive's total), then how it ended. */
export const DownloadEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), received: z.number(), total: z.number() }),
  /** Unpacked into the cache, in `dir`; for one file (published weights), `file` is its path in `dir`. */
  z.object({ type: z.literal('done'), dir: z.string(), file: z.string().optional() }),
  /** Why not, in one line; nothing was kept. */
  z.object({ type: z.literal('error'), message: z.string() }),
  z.object({ type: z.literal('cancelled') }),
]);

/** Which experiment started a run of the history, and as which of its networks (0-based). */
export const ExperimentTagSchema = z.object({ id: z.string().max(100), name: z.string().max(200), index: z.number().int().min(0).max(99) });

export const EXPERIMENT_STATUSES = ['running', 'done', 'cancelled', 'error'] as const;
export const EXPERIMENT_NETWORK_STATUSES = ['waiting', 'running', 'done', 'stopped', 'error', 'skipped'] as const;
/** The most networks one experiment trains. */
export const EXPERIMENT_MAX_NETWORKS = 12;

/**
 * An experiment (`experiment.start`, `netwright experiment`): several networks trained one after
 * another, each as a run of the history, all with the same training settings (`settings`: the
 * same data, split, seed, optimizer and schedule), so that their curves can be overlaid.
 */
export const ExperimentSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The dataset spec every network trains on, and its title ("CIFAR-10"). */
  dataset: z.string(),
  datasetTitle: z.string(),
  settings: TrainingSchema,
  /** Only the first N training samples. */
  limit: z.number().int().optional(),
  engine: z.enum(ENGINES).optional(),
  status: z.enum(EXPERIMENT_STATUSES),
  /** Why it ended in error. */
  message: z.string().optional(),
  networks: z.array(
    z.object({
      name: z.string(),
      template: z.string().optional(),
      params: z.number(),
      /** Its run in the history, once started. */
      runId: z.string().optional(),
      status: z.enum(EXPERIMENT_NETWORK_STATUSES),
      message: z.string().optional(),
      epochs: z.array(EpochMetricsSchema),
    }),
  ),
});

/** What an experiment reports: its whole state at the start and end, and in between what changed (shared/experiment/state.ts folds them). */
export const ExperimentEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), experiment: ExperimentSchema }),
  /** Network `index` started, as run `runId`. */
  z.object({ type: z.literal('network'), index: z.number().int(), runId: z.string() }),
  z.object({ type: z.literal('batch'), index: z.number().int(), epoch: z.number(), epochs: z.number(), batch: z.number(), batches: z.number() }),
  z.object({ type: z.literal('epoch'), index: z.number().int(), metrics: EpochMetricsSchema }),
  z.object({ type: z.literal('network-end'), index: z.number().int(), status: z.enum(['done', 'stopped', 'error']), message: z.string().optional() }),
  z.object({ type: z.literal('end'), experiment: ExperimentSchema }),
]);

/**
 * A one-click experiment (`experiment.presets`), resolved for this machine: its networks
 * (template ids), settings, the dataset it will use (a substitute, named in `substitute`, where
 * the paper's is not in the data folder's cache), and what the paper observed.
 */
export const ExperimentPresetSchema = z.object({
  id: z.string(),
  title: z.string(),
  templates: z.array(z.string()),
  training: TrainingSchema.partial(),
  limit: z.number().int().optional(),
  /** What the paper observed, to compare the curves with. */
  observed: z.string(),
  /** How the paper trained, against this preset's few epochs. */
  paper: z.string(),
  dataset: z.string(),
  datasetTitle: z.string(),
  /** Why the dataset is not the paper's, when it is not. */
  substitute: z.string().optional(),
});

/** What the service tells every window as it happens: a run's events, a dataset download's. */
export const ApiEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('train'), runId: z.string(), event: TrainEventSchema }),
  z.object({ type: z.literal('download'), id: z.string(), dataset: z.enum(DOWNLOADABLE_DATASETS), event: DownloadEventSchema }),
  /** A template's published ImageNet weights downloading (`weights.download`). */
  z.object({ type: z.literal('weights'), id: z.string(), template: z.string(), event: DownloadEventSchema }),
  /** An experiment's progress (`experiment.start`). */
  z.object({ type: z.literal('experiment'), id: z.string(), event: ExperimentEventSchema }),
]);

/** A dataset that can be downloaded (`dataset.cache`): whether it is in the cache, where, and from where. */
export const CachedDatasetSchema = z.object({
  dataset: z.enum(DOWNLOADABLE_DATASETS),
  title: z.string(),
  /** The folder it is (or would be) in. */
  dir: z.string(),
  present: z.boolean(),
  url: z.string(),
  bytes: z.number(),
  /** The download under way, if any: its id for `dataset.cancelDownload` and its events. */
  downloading: z.string().nullable(),
});

/** `train.estimate`: what a run will need, before it starts. All sizes in bytes. */
export const EstimateSchema = z.object({
  batchSize: z.number().int(),
  memory: z.object({
    /** Parameters (trainable and not), float32. */
    weights: z.number(),
    /** One gradient per trainable parameter. */
    gradients: z.number(),
    /** The optimizer's slots: Adam 2 per parameter, RMSprop 1, SGD with momentum 1, plain SGD 0. */
    optimizerState: z.number(),
    /** Activations kept for the backward pass and their gradients, for the whole batch. */
    activations: z.number(),
    total: z.number(),
  }),
  /** What the trainer may use: the machine's free memory, and the wasm heap's 4 GiB where tfjs runs on wasm. */
  available: z.object({ totalMemory: z.number(), freeMemory: z.number(), limit: z.number(), limitReason: z.string() }),
  fits: z.boolean(),
  /** Set when the run will not fit (or only barely): what to do. */
  warning: z.string().optional(),
  /** The largest batch size (a power of two, at most the current one) that fits in 80% of the limit. */
  suggestedBatchSize: z.number().int().optional(),
  /**
   * From a short timed probe of the run's engine (tfjs: a second of the run's own loop on its
   * data, one validation batch and the epoch's report, in a trainer process; torch: train.py on a
   * few batches); absent when not probed or when it failed.
   */
  time: z
    .object({
      engine: z.enum(ENGINES),
      backend: z.string(),
      samplesPerSecond: z.number(),
      valSamplesPerSecond: z.number(),
      epochOverheadSeconds: z.number(),
      trainSamples: z.number(),
      valSamples: z.number(),
      /** trainSamples / samplesPerSecond + valSamples / valSamplesPerSecond + epochOverheadSeconds. */
      secondsPerEpoch: z.number(),
    })
    .optional(),
  /** Why there is no time estimate, when probing failed. */
  timeError: z.string().optional(),
});

/** `dataset.preview`: a few labelled images for a preview grid. */
export const PreviewSchema = z.object({
  title: z.string(),
  shape: ShapeTriple,
  classNames: z.array(z.string()),
  /** Samples in the whole dataset (before the train/validation split). */
  total: z.number().int(),
  samples: z.array(z.object({ label: z.number().int(), className: z.string(), png: z.string(), width: z.number().int(), height: z.number().int() })),
});

export const RUN_STATUSES = ['running', 'done', 'stopped', 'error', 'interrupted'] as const;

/** One run of the history (`runs.list`). */
export const RunSummarySchema = z.object({
  id: z.string(),
  /** The document's name when the run started. */
  name: z.string(),
  /** The run's own name: at its start, the document's and what differs from the previous run ("LeNet-5 · batch 64"); renamable (`runs.update`). */
  title: z.string().optional(),
  /** The user's note on the run. */
  note: z.string().optional(),
  /** The seconds per epoch that "Measure speed" estimated for this run, where it was measured before it started. */
  estimate: z.object({ secondsPerEpoch: z.number() }).optional(),
  /** ISO 8601 start time. */
  started: z.string(),
  ended: z.string().optional(),
  status: z.enum(RUN_STATUSES),
  dataset: z.string(),
  backend: z.string().optional(),
  /** The engine that trained it (`tfjs` when not recorded): its saved weights are in that engine's format. */
  engine: z.string().optional(),
  /** The settings the run used: the document's training settings with the run's overrides applied. */
  settings: z.record(z.string(), z.unknown()),
  epochs: z.array(EpochMetricsSchema),
  bestEpoch: z.number().int().optional(),
  message: z.string().optional(),
  /** Saved weights: the final ones (`final`) and the best epoch's (`best`; tfjs runs only), in the engine's format. */
  weights: z.object({ final: z.boolean(), best: z.boolean() }),
  /** The experiment that trained it, beside the other networks of that experiment. */
  experiment: ExperimentTagSchema.optional(),
});

/** A run's saved weights: after the last epoch, or from its best epoch. */
export const RUN_WEIGHTS = ['final', 'best'] as const;

/**
 * A saved model evaluated on the validation part of a dataset (`runs.evaluate`): the
 * evaluation (its `epoch` is the one the weights are from), with the loss, accuracy and what it
 * ran on.
 */
export const SavedEvaluationSchema = EvaluationSchema.extend({
  weights: z.enum(RUN_WEIGHTS),
  /** The dataset spec evaluated on, and its title ("MNIST"). */
  dataset: z.string(),
  title: z.string(),
  backend: z.string(),
  /** Validation samples evaluated. */
  count: z.number().int(),
  loss: z.number(),
  acc: z.number(),
});

/** The image `runs.explain` looks at: a file's bytes as base64 (PNG, JPEG, WebP…), or a validation sample of the run's dataset. */
export const ExplainImageSchema = z.union([z.object({ base64: z.string().max(40_000_000) }), z.object({ sample: z.number().int().min(0) })]);

/** What `runs.explain` draws besides every layer's statistics: maps of some layers (or all), a convolution's filters, Grad-CAM. */
export const ExplainDrawSchema = z.object({
  maps: z.union([z.literal('all'), z.array(z.string().max(200)).max(5000)]).optional(),
  filters: z.string().max(200).optional(),
  /** Grad-CAM on a layer (default the last convolution) for a class (default the predicted one). */
  gradcam: z.object({ layer: z.string().max(200).optional(), class: z.number().int().min(0).optional() }).optional(),
});

/** Tiles in a PNG: one per channel (or filter), `cols` to a row, `gap` pixels apart. */
export const TileGridSchema = z.object({
  png: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  cols: z.number().int(),
  rows: z.number().int(),
  tileWidth: z.number().int(),
  tileHeight: z.number().int(),
  gap: z.number().int(),
  count: z.number().int(),
});

/**
 * A look inside a run's saved model for one image (`runs.explain`): each layer's output shape and
 * per-channel mean and maximum (with its document node, `block/inner` inside a block), the block
 * instances with the layer that gives each one's output, and the pictures asked for, as PNG data URLs.
 */
export const ExplanationSchema = z.object({
  /** A run's `final` or `best`, or the weights file's name (`explain`). */
  weights: z.string(),
  epoch: z.number().int(),
  backend: z.string(),
  classNames: z.array(z.string()),
  /** The image as the network saw it (fitted to its input), and a validation sample's label. */
  input: z.object({ png: z.string(), width: z.number().int(), height: z.number().int() }),
  label: z.number().int().optional(),
  predicted: z.number().int(),
  output: z.array(z.number()),
  layers: z.array(z.object({ name: z.string(), node: z.string().optional(), shape: z.array(z.number().int()), mean: z.array(z.number()), max: z.array(z.number()) })),
  /** The block instances (`outer/inner` when nested) with their labels, each shown by the layer whose output is the instance's. */
  blocks: z.array(z.object({ node: z.string(), label: z.string(), layer: z.string() })),
  maps: z.array(z.object({ layer: z.string(), grid: TileGridSchema })),
  filters: z.object({ layer: z.string(), shape: z.tuple([z.number().int(), z.number().int(), z.number().int(), z.number().int()]), rgb: z.boolean(), grid: TileGridSchema }).optional(),
  gradcam: z.object({ layer: z.string(), class: z.number().int(), png: z.string(), width: z.number().int(), height: z.number().int(), peak: z.tuple([z.number().int(), z.number().int()]) }).optional(),
});

/**
 * The largest weights file `predict` takes, by transport: the browser mode's WebSocket carries at
 * most `BROWSER_MESSAGE_BYTES` a message, and base64 makes a file 4/3 as long (room is left for
 * the photo and the document); the desktop app's IPC has no such cap, but a JavaScript string
 * has one (about 512M characters), so 300 MiB (ResNet-152's 230 MB fits, VGG-16's 528 MB does
 * not). `netwright predict` reads a file of any size.
 */
export const BROWSER_MESSAGE_BYTES = 64 * 2 ** 20;
export const PREDICT_WEIGHTS_MAX_BYTES = { browser: 40 * 2 ** 20, electron: 300 * 2 ** 20 } as const;
const base64Length = (bytes: number) => Math.ceil(bytes / 3) * 4;

/** Where `import.onnx` kept a model's weights in the data folder: the first 16 hex digits of the file's SHA-256. */
export const ImportedIdSchema = z.string().regex(/^[0-9a-f]{16}$/, 'Not an imported model id');

/** An imported ONNX model's weights, kept in the data folder: the safetensors file's name and size, its tensors and parameters. */
export const ImportedWeightsSchema = z.object({ id: ImportedIdSchema, name: z.string(), bytes: z.number().int(), tensors: z.number().int(), parameters: z.number().int() });
export type ImportedWeights = z.infer<typeof ImportedWeightsSchema>;

/** `predict`'s answer, as `netwright predict --json` prints it (less the paths): the top classes, the logits, what was done to the photo, what was loaded. */
export const PredictionSchema = z.object({
  top: z.array(z.object({ index: z.number().int(), name: z.string(), probability: z.number() })),
  logits: z.array(z.number()).nullable(),
  preprocessing: z.string(),
  loaded: z.number().int(),
  skipped: z.array(z.string()),
  unused: z.array(z.string()),
});

/** The batch sizes `compare` times by default, and the most it takes. */
export const COMPARE_BATCHES = [1, 2, 4, 8, 16] as const;
export const COMPARE_MAX_BATCH = 1024;

/**
 * `compare`'s answer, as `netwright compare --json` prints it: for each network its totals from
 * shape inference (activation bytes per image, float32), the published ImageNet accuracy of a
 * template that has one, and per batch size either the measured forward time per image (median
 * of repeated runs after a warm-up, in inference mode) or why it was skipped.
 */
export const ComparisonSchema = z.object({
  engine: z.enum(ENGINES),
  backend: z.string(),
  repeats: z.number().int(),
  rows: z.array(
    z.object({
      name: z.string(),
      template: z.string().optional(),
      params: z.number(),
      macs: z.number(),
      activationBytes: z.number(),
      accuracy: z.object({ top1: z.number().optional(), top5: z.number(), source: z.string() }).optional(),
      times: z.array(
        z.object({
          batch: z.number().int(),
          /** What the forward pass is estimated to hold at this batch size (weights and activations). */
          memory: z.number(),
          secondsPerImage: z.number().optional(),
          skipped: z.string().optional(),
        }),
      ),
    }),
  ),
});

/** A template as the gallery shows it: what it is, its numbers, and a tiny picture of its graph. */
export const TemplateCardSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  params: z.number(),
  macs: z.number(),
  /** The input image, `[H, W, C]`. */
  input: ShapeSchema.nullable(),
  layers: z.number().int(),
  year: z.number().int(),
  /** ILSVRC top-5 error in percent, where the net competed. */
  top5: z.number().nullable(),
  /** The graph as stored: `[x, y, category]` per node, `[from, to]` node indices per edge. */
  preview: z.object({ nodes: z.array(z.tuple([z.number(), z.number(), z.string()])), edges: z.array(z.tuple([z.number().int(), z.number().int()])) }),
});

/** The app's settings (settings.json in the data folder). */
export const SettingsSchema = z.object({
  /** The Python the torch engine runs, tried before auto-detection; absent: auto-detect. */
  pythonPath: z.string().min(1).max(4096).optional(),
});

/** What `torch.detect` found: a Python that imports torch, or why there is none. */
export const TorchDetectionSchema = z.object({
  available: z.boolean(),
  /** The Python that was found (or, when a path was given and fails, that path). */
  python: z.string().nullable(),
  torchVersion: z.string().optional(),
  cuda: z.boolean().optional(),
  /** With CUDA: the smallest GPU's memory in bytes. */
  gpuMemory: z.number().optional(),
  /** Why not, or what was tried, in a sentence. */
  message: z.string().optional(),
});

/** A window's autosave session id (it names a file, so only letters, digits and dashes). */
export const SESSION_PATTERN = /^[A-Za-z0-9-]{1,64}$/;
const SessionSchema = z.string().regex(SESSION_PATTERN);

/** Something the app found at start-up and set aside (a damaged settings or autosave file), for the user to read. */
export const NoticeSchema = z.object({ file: z.string(), message: z.string() });

/** A document's file: its name, and its path where the shell knows it (the desktop app; a recent file). */
export const DocFileSchema = z.object({ name: z.string().max(1000), path: z.string().max(4096).optional() });

/** A file path the service reads or writes for a document (a Netwright document or a model file is JSON). */
const DocPathSchema = z.string().min(1).max(4096);

/** The menus of the desktop app's menu bar, in order. */
export const MENUS = ['File', 'Edit', 'View', 'Train', 'Help'] as const;

/**
 * The menu bar as the renderer's command table describes it (renderer/src/commands/menu.ts):
 * per menu, its commands (id, label, keys as the table writes them: `Mod+Shift+S`) and
 * separators. The desktop app builds its native menu from it (electron/main/menu.ts).
 */
export const MenuSpecSchema = z
  .array(
    z.object({
      menu: z.enum(MENUS),
      items: z.array(z.union([z.object({ id: z.string().max(50), label: z.string().max(100), keys: z.array(z.string().max(40)).max(4) }), z.object({ separator: z.literal(true) })])).max(60),
    }),
  )
  .max(MENUS.length);

/**
 * What the desktop app's main process tells its window, besides the engine's events: a menu
 * command was chosen, a file is to be opened (a second launch, macOS's open-file, a recent
 * file), the window is asked to close (it answers with `app.close` once its document is saved
 * or given up).
 */
export const AppEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('command'), id: z.string().max(50) }),
  z.object({ type: z.literal('open'), path: DocPathSchema }),
  z.object({ type: z.literal('close') }),
]);

/**
 * Weights a run starts from (`train.start`, fine-tuning): a PyTorch state_dict or safetensors
 * file's bytes with its name, a run's saved model, a template's published ImageNet weights
 * once `weights.download` has put them in the cache, or an imported ONNX model's (`import.onnx`).
 */
export const WeightsRefSchema = z.union([
  z.object({
    name: z.string().min(1).max(200),
    base64: z.string().max(base64Length(PREDICT_WEIGHTS_MAX_BYTES.electron), `A weights file may be at most ${PREDICT_WEIGHTS_MAX_BYTES.electron / 2 ** 20} MiB here; \`netwright train --weights FILE\` reads larger ones.`),
  }),
  z.object({ run: z.string().max(100), which: z.enum(RUN_WEIGHTS).optional() }),
  z.object({ published: z.string().max(100) }),
  z.object({ imported: ImportedIdSchema }),
]);
export type WeightsRef = z.infer<typeof WeightsRefSchema>;

/** Every method: its request and its reply. */
export const methods = {
  'engine.info': { request: z.object({}), reply: z.object({ engine: z.string(), version: z.string(), transport: z.enum(['electron', 'browser']) }) },
  /** What the app ignored at start-up, one notice per file (e.g. a damaged settings.json). */
  'app.notices': { request: z.object({}), reply: z.array(NoticeSchema) },
  'templates.list': { request: z.object({}), reply: z.object({ templates: z.array(TemplateCardSchema) }) },
  'templates.get': { request: z.object({ id: z.string().max(100) }), reply: z.object({ doc: DocumentSchema }) },
  summary: { request: z.object({ doc: DocumentSchema }), reply: SummarySchema },
  /** Start a run; `estimate` (from `train.estimate`) is kept with it, to show how far off it was. */
  'train.start': {
    request: z.object({
      doc: DocumentSchema,
      options: TrainOptionsSchema.optional(),
      estimate: z.object({ secondsPerEpoch: z.number().positive() }).optional(),
      /** Start from these weights rather than at random (fine-tuning; frozen nodes keep them). */
      weights: WeightsRefSchema.optional(),
      /** The experiment this run is one network of (recorded in its summary). */
      experiment: ExperimentTagSchema.optional(),
    }),
    reply: z.object({ runId: z.string() }),
  },
  /**
   * Train several networks one after another, each as a run of the history tagged with the
   * experiment, with one set of settings: `training` over the first network's own (every
   * network gets the same). `experiment` events follow; the reply is the state at the start.
   */
  'experiment.start': {
    request: z.object({
      name: z.string().trim().min(1).max(200),
      networks: z.array(z.object({ name: z.string().trim().min(1).max(200), template: z.string().max(100).optional(), doc: DocumentSchema })).min(1).max(EXPERIMENT_MAX_NETWORKS),
      training: TrainingSchema.partial().optional(),
      limit: z.number().int().min(1).optional(),
      engine: z.enum(ENGINES).optional(),
    }),
    reply: ExperimentSchema,
  },
  /** Stop an experiment's current run and skip the networks after it; false when it is not running. */
  'experiment.cancel': { request: z.object({ id: z.string().max(100) }), reply: z.object({ cancelled: z.boolean() }) },
  /** The one-click experiments, resolved for this machine (which dataset each will use). */
  'experiment.presets': { request: z.object({}), reply: z.object({ presets: z.array(ExperimentPresetSchema) }) },
  'train.stop': { request: z.object({ runId: z.string().max(100) }), reply: z.object({ stopped: z.boolean() }) },
  /** Pause between two batches (the trainer answers with a `paused` event); false if the run is not active. */
  'train.pause': { request: z.object({ runId: z.string().max(100) }), reply: z.object({ paused: z.boolean() }) },
  'train.resume': { request: z.object({ runId: z.string().max(100) }), reply: z.object({ resumed: z.boolean() }) },
  /** Memory now, and with `probe` (default true) seconds per epoch from a few timed steps in a trainer process. */
  'train.estimate': { request: z.object({ doc: DocumentSchema, options: TrainOptionsSchema.optional(), probe: z.boolean().optional() }), reply: EstimateSchema },
  'dataset.preview': { request: z.object({ dataset: DatasetSpecSchema, count: z.number().int().min(1).max(64).optional(), seed: z.number().int().min(0).optional() }), reply: PreviewSchema },
  /** The datasets Netwright can download, and which are in the data folder's cache. */
  'dataset.cache': { request: z.object({}), reply: z.object({ datasets: z.array(CachedDatasetSchema) }) },
  /** Start downloading a dataset's official archive into the cache (or join the download under way); `download` events follow. */
  'dataset.download': { request: z.object({ dataset: z.enum(DOWNLOADABLE_DATASETS) }), reply: z.object({ id: z.string() }) },
  /** Cancel a download: nothing of it is kept. False when it is not under way. */
  'dataset.cancelDownload': { request: z.object({ id: z.string().max(100) }), reply: z.object({ cancelled: z.boolean() }) },
  /**
   * Start downloading a template's published ImageNet weights (torchvision's checkpoint,
   * `shared/weights/published.ts`) into the data folder's cache, or join the download under way;
   * `weights` events follow. `path` is the cached file when it is there already (no events follow).
   */
  'weights.download': {
    request: z.object({ template: z.string().max(100) }),
    reply: z.object({ id: z.string(), url: z.string(), path: z.string().nullable() }),
  },
  /** Cancel a weights download: nothing of it is kept. False when it is not under way. */
  'weights.cancelDownload': { request: z.object({ id: z.string().max(100) }), reply: z.object({ cancelled: z.boolean() }) },
  /** The run history, newest first. */
  'runs.list': { request: z.object({}), reply: z.object({ runs: z.array(RunSummarySchema) }) },
  /** One run: its summary, the document it trained, and every event it reported (metrics). */
  'runs.get': { request: z.object({ id: z.string().max(100) }), reply: z.object({ run: RunSummarySchema, doc: DocumentSchema, events: z.array(TrainEventSchema) }) },
  'runs.delete': { request: z.object({ id: z.string().max(100) }), reply: z.object({ deleted: z.boolean() }) },
  /** Rename a run or change its note (an empty note removes it). */
  'runs.update': {
    request: z.object({ id: z.string().max(100), title: z.string().trim().min(1).max(200).optional(), note: z.string().max(10_000).optional() }),
    reply: z.object({ run: RunSummarySchema }),
  },
  /**
   * Add a run of an exported training project's train.py (`--run DIR`: events.jsonl, settings.json,
   * final/ and best/ model.pt) to the history; the network is the project's network.netwright.json
   * (in DIR or the two folders above it) or `doc`, a document file's path.
   */
  'runs.import': { request: z.object({ dir: z.string().min(1).max(4096), doc: z.string().max(4096).optional() }), reply: z.object({ run: RunSummarySchema }) },
  /**
   * An .onnx file's bytes as a document (`netwright import model.onnx`); its weights are kept in
   * the data folder (`imported/<id>/`, with the document) for `predict` to use as `{ imported: id }`.
   * A file that cannot be imported is refused with the CLI's lines (one per unsupported operator).
   */
  'import.onnx': {
    request: z.object({ name: z.string().min(1).max(200), base64: z.string().max(base64Length(PREDICT_WEIGHTS_MAX_BYTES.electron), `An ONNX file may be at most ${PREDICT_WEIGHTS_MAX_BYTES.electron / 2 ** 20} MiB here; \`netwright import model.onnx -o doc.json\` reads larger ones.`) }),
    reply: z.object({ doc: DocumentSchema, weights: ImportedWeightsSchema }),
  },
  /** Keep a window's open document in the data folder, to offer back after a crash (the renderer calls it 1 s after an edit). */
  'autosave.save': { request: z.object({ session: SessionSchema, doc: DocumentSchema, file: DocFileSchema.nullable().optional() }), reply: z.object({ savedAt: z.string() }) },
  /** The window is still open: its autosave is not offered to others (renewed every 2 s). */
  'autosave.renew': { request: z.object({ session: SessionSchema }), reply: z.object({}) },
  /**
   * Work to offer back: with `session`, that window's own (a reloaded page, whatever its lease);
   * else the newest work of a window that ended without saving (crashed, killed, closed), if any.
   */
  'autosave.get': {
    request: z.object({ session: SessionSchema.optional() }),
    reply: z.object({ session: z.string(), savedAt: z.string(), doc: DocumentSchema, file: DocFileSchema.nullable().optional() }).nullable(),
  },
  /** Forget a session's autosave (after a save to a file, a restore, or when the offer is declined). */
  'autosave.clear': { request: z.object({ session: SessionSchema }), reply: z.object({ cleared: z.boolean() }) },
  /** Evaluate a run's saved weights (default final) on a dataset (default the run's), in a trainer process. */
  'runs.evaluate': {
    request: z.object({ id: z.string().max(100), weights: z.enum(RUN_WEIGHTS).optional(), dataset: DatasetSpecSchema.optional(), limit: z.number().int().min(1).optional() }),
    reply: SavedEvaluationSchema,
  },
  /**
   * A run's saved model in the TensorFlow.js format: its folder, and the files (model.json,
   * weights.bin, netwright.json) base64-encoded when together they are at most 64 MiB.
   */
  /**
   * The document as an ONNX file (opset 13, NCHW, blocks inlined), made in a trainer process,
   * with fresh weights, a tfjs run's saved ones or an imported model's (`imported`, from
   * `import.onnx`): `base64` is the file, `from` says where its
   * weights came from. A file over 140 MiB is refused with the command that writes it.
   */
  'export.onnx': {
    request: z.object({ doc: DocumentSchema, run: z.object({ id: z.string().max(100), weights: z.enum(RUN_WEIGHTS) }).optional(), imported: ImportedIdSchema.optional() }),
    reply: z.object({ filename: z.string(), base64: z.string(), from: z.string() }),
  },
  'runs.model': {
    request: z.object({ id: z.string().max(100), weights: z.enum(RUN_WEIGHTS).optional() }),
    reply: z.object({ dir: z.string(), files: z.array(z.object({ name: z.string(), base64: z.string() })).optional() }),
  },
  /** Look inside a run's saved weights (default final) for one image, in a trainer process: every layer's statistics, and maps, filters or Grad-CAM. */
  'runs.explain': {
    request: ExplainDrawSchema.extend({ id: z.string().max(100), weights: z.enum(RUN_WEIGHTS).optional(), image: ExplainImageSchema }),
    reply: ExplanationSchema,
  },
  /**
   * Look inside a document with weights (`netwright explain <doc> --weights FILE`), in a trainer
   * process: a state_dict or safetensors file's bytes with its name, a template's published
   * ImageNet weights, an imported ONNX model's, or a run's saved model (as `runs.explain` with
   * this document). A file's photo is preprocessed as `predict` does; a run's as its training did.
   */
  explain: {
    request: ExplainDrawSchema.extend({ doc: DocumentSchema, weights: WeightsRefSchema, image: z.object({ base64: z.string().max(40_000_000, 'A photo may be at most 30 MB.') }) }),
    reply: ExplanationSchema,
  },
  /**
   * The top classes a network gives a photo (`netwright predict`), in a trainer process: the
   * weights are a PyTorch state_dict or safetensors file's bytes with its name, or a run's saved
   * model; the photo is preprocessed as torchvision's ImageNet models expect.
   */
  predict: {
    request: z.object({
      doc: DocumentSchema,
      weights: z.union([
        z.object({
          name: z.string().min(1).max(200),
          base64: z.string().max(base64Length(PREDICT_WEIGHTS_MAX_BYTES.electron), `A weights file may be at most ${PREDICT_WEIGHTS_MAX_BYTES.electron / 2 ** 20} MiB here; \`netwright predict --weights FILE\` reads larger ones.`),
        }),
        z.object({ run: z.string().max(100), which: z.enum(RUN_WEIGHTS).optional() }),
        /** A template's published ImageNet weights, once `weights.download` has put them in the cache. */
        z.object({ published: z.string().max(100) }),
        /** The weights of an imported ONNX model, kept in the data folder by `import.onnx`. */
        z.object({ imported: ImportedIdSchema }),
      ]),
      image: z.object({ base64: z.string().max(40_000_000, 'A photo may be at most 30 MB.') }),
      top: z.number().int().min(1).max(1000).optional(),
      partial: z.boolean().optional(),
    }),
    reply: PredictionSchema,
  },
  /**
   * Parameters, multiply-accumulates, activation memory and the measured forward time per image
   * at each batch size, in a trainer process on the tfjs engine (or, with `engine: 'torch'`, the
   * generated PyTorch models in the torch engine's Python); a batch whose forward pass
   * would not fit memory is skipped with the reason. `template` names a template's published accuracy.
   */
  compare: {
    request: z.object({
      docs: z.array(z.object({ name: z.string().min(1).max(200), template: z.string().max(100).optional(), doc: DocumentSchema })).min(1).max(12),
      batches: z.array(z.number().int().min(1).max(COMPARE_MAX_BATCH)).min(1).max(12).optional(),
      repeats: z.number().int().min(1).max(50).optional(),
      /** The engine timed: tfjs (default), or torch with the generated PyTorch models. */
      engine: z.enum(ENGINES).optional(),
    }),
    reply: ComparisonSchema,
  },
  /** Native file dialogs (Electron only; the browser mode downloads and uploads instead). Save as: the path written, null when cancelled. */
  'file.save': { request: z.object({ name: z.string().max(200), text: z.string().max(200_000_000) }), reply: z.object({ path: z.string().nullable() }) },
  'file.open': { request: z.object({}), reply: z.object({ name: z.string(), path: z.string(), text: z.string() }).nullable() },
  /**
   * A document's file by path: read it, or write it back (Save). The desktop app may name any
   * .json file; the browser mode only the files of the recent list. Both put it first in that list.
   */
  'file.read': { request: z.object({ path: DocPathSchema }), reply: z.object({ name: z.string(), path: z.string(), text: z.string() }) },
  'file.write': { request: z.object({ path: DocPathSchema, text: z.string().max(200_000_000) }), reply: z.object({ path: z.string() }) },
  /** Save an export or a figure through the native Save dialog (Electron only): `text`, or bytes as base64. */
  'file.export': { request: z.object({ name: z.string().max(200), text: z.string().max(200_000_000), base64: z.boolean().optional() }), reply: z.object({ path: z.string().nullable() }) },
  /** Save several files (a saved model) into a folder chosen in the native dialog (Electron only). */
  'file.exportFiles': {
    request: z.object({ files: z.array(z.object({ name: z.string().min(1).max(200), base64: z.string().max(200_000_000) })).min(1).max(20) }),
    reply: z.object({ dir: z.string().nullable() }),
  },
  /**
   * The document as a PyTorch training project (`netwright export --to pytorch-project`), zipped in
   * a folder of its name: `base64` holds the zip, unless its data makes it over 64 MiB (`bytes`).
   */
  'export.project': { request: z.object({ doc: DocumentSchema }), reply: z.object({ name: z.string(), bytes: z.number().int(), base64: z.string().optional() }) },
  /** The recently opened and saved documents, newest first (at most 10; files that are gone are dropped). */
  'recent.list': { request: z.object({}), reply: z.object({ files: z.array(DocFileSchema.extend({ path: z.string() })) }) },
  /** The window is up: the menu bar to show (desktop app), and the files it was asked to open meanwhile (the command line, a double-click). */
  'app.ready': { request: z.object({ menu: MenuSpecSchema }), reply: z.object({ open: z.array(z.string()) }) },
  /** What the window shows: its title, whether its document has unsaved edits, and its file (desktop app: the title bar, macOS's proxy icon). */
  'app.window': { request: z.object({ title: z.string().max(1000), edited: z.boolean(), path: z.string().max(4096).nullable() }), reply: z.object({}) },
  /** The window may close now (its document was saved, or given up): the answer to an `AppEvent` close. */
  'app.close': { request: z.object({}), reply: z.object({}) },
  'settings.get': { request: z.object({}), reply: SettingsSchema },
  /** Change some settings (a key set to null is removed: back to its default); replies with all of them. */
  'settings.set': { request: z.object({ pythonPath: z.string().max(4096).nullable().optional() }), reply: SettingsSchema },
  /** Look for a Python with PyTorch: `python` alone when given, else the settings' path, then auto-detection. */
  'torch.detect': { request: z.object({ python: z.string().min(1).max(4096).optional() }), reply: TorchDetectionSchema },
} as const;

export type Method = keyof typeof methods;
export type RequestOf<M extends Method> = z.input<(typeof methods)[M]['request']>;
export type ReplyOf<M extends Method> = z.infer<(typeof methods)[M]['reply']>;
export type Summary = z.infer<typeof SummarySchema>;
export type TemplateCard = z.infer<typeof TemplateCardSchema>;
export type TrainEvent = z.infer<typeof TrainEventSchema>;
export type EpochMetrics = z.infer<typeof EpochMetricsSchema>;
export type TrainOptions = z.infer<typeof TrainOptionsSchema>;
export type ApiEvent = z.infer<typeof ApiEventSchema>;
export type TrainApiEvent = Extract<ApiEvent, { type: 'train' }>;
export type DownloadEvent = z.infer<typeof DownloadEventSchema>;
export type CachedDataset = z.infer<typeof CachedDatasetSchema>;
export type Evaluation = z.infer<typeof EvaluationSchema>;
export type Estimate = z.infer<typeof EstimateSchema>;
export type Preview = z.infer<typeof PreviewSchema>;
export type RunSummary = z.infer<typeof RunSummarySchema>;
export type RunStatus = (typeof RUN_STATUSES)[number];
export type Settings = z.infer<typeof SettingsSchema>;
export type TorchDetection = z.infer<typeof TorchDetectionSchema>;
export type RunWeights = (typeof RUN_WEIGHTS)[number];
export type SavedEvaluation = z.infer<typeof SavedEvaluationSchema>;
export type Explanation = z.infer<typeof ExplanationSchema>;
export type Prediction = z.infer<typeof PredictionSchema>;
export type Comparison = z.infer<typeof ComparisonSchema>;
export type Experiment = z.infer<typeof ExperimentSchema>;
export type ExperimentEvent = z.infer<typeof ExperimentEventSchema>;
export type ExperimentPreset = z.infer<typeof ExperimentPresetSchema>;
export type ExperimentTag = z.infer<typeof ExperimentTagSchema>;
export type Notice = z.infer<typeof NoticeSchema>;
export type AppEvent = z.infer<typeof AppEventSchema>;
export type MenuSpec = z.infer<typeof MenuSpecSchema>;
export type DocFile = z.infer<typeof DocFileSchema>;

export const isMethod = (m: unknown): m is Method => typeof m === 'string' && Object.prototype.hasOwnProperty.call(methods, m);

/** What the renderer holds: one way to call, one way to listen. */
export interface ApiClient {
  transport: 'electron' | 'browser';
  call<M extends Method>(method: M, request: RequestOf<M>): Promise<ReplyOf<M>>;
  onEvent(listener: (event: ApiEvent) => void): () => void;
  /** The desktop app's messages to its window (menu commands, files to open, close); the browser mode sends none. */
  onAppEvent(listener: (event: AppEvent) => void): () => void;
}

/** An error reply crosses the transport as this; the client throws it as an Error. */
export const ErrorReplySchema = z.object({ error: z.string() });

/** The browser mode's WebSocket frames. */
export const WsRequestSchema = z.object({ id: z.number().int(), method: z.string().max(100), payload: z.unknown() });
export type WsResponse = { id: number; ok: true; reply: unknown } | { id: number; ok: false; error: string } | { event: ApiEvent };

/**
 * The `netwright` command: the same engine service as the app, without a window.
 * Exit codes: 0 success, 1 invalid document (or, for summary, a graph with errors), 2 usage, 3 training or a download failed.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { templateIds } from '../shared/templates/index';
import { allowFlags, intFlag, parseArgs, UsageError } from './cli/args';
import { compareCommand, COMPARE_FLAGS } from './cli/compare';
import { datasetsCommand, DATASETS_FLAGS } from './cli/datasets';
import { experimentCommand, EXPERIMENT_FLAGS } from './cli/experiment';
import { InvalidDocument, openDocument } from './cli/documents';
import { EXPORT_FLAGS, exportArgs, exportCommand } from './cli/export';
import { exportProjectCommand, PROJECT_TARGET } from './cli/export-project';
import { importCommand } from './cli/import';
import { runsCommand, RUNS_FLAGS } from './cli/runs';
import { findElectron, startElectron } from './cli/start';
import { lectureCommand } from './cli/lecture';
import { summaryCommand } from './cli/summary';
import { evaluateCommand, EVALUATE_FLAGS, InvalidModel } from './cli/evaluate';
import { explainCommand, EXPLAIN_FLAGS } from './cli/explain';
import { trainCommand, trainOptionsFromFlags, TRAIN_FLAGS } from './cli/train';
import { predictCommand, PREDICT_FLAGS } from './cli/predict';
import { weightsCommand, WEIGHTS_FLAGS } from './cli/weights';
import { exportWeightsCommand, EXPORT_WEIGHTS_FLAGS } from './cli/export-weights';
import { freezeCommand, FREEZE_FLAGS, NodeNotFound } from './cli/freeze';
import { adaptCommand, ADAPT_FLAGS } from './cli/adapt';
import { ERROR_LOG, installLastResort } from './host/last-resort';
import { startHost } from './host/server';
import { appRoot, defaultDataDir } from './paths';

const USAGE = `Usage: netwright <command>

  start                         open the app (desktop window, or the browser mode where Electron is absent)
  serve [--port N] [--data-dir DIR]
                                the browser mode: serve the app on 127.0.0.1 and print its URL;
                                run history in DIR (default $NETWRIGHT_DATA_DIR or ~/.netwright)
  templates                     list template ids
  summary <file|template> [--json] [--lecture]
                                layers, output shapes, parameters and totals, then the
                                graph's errors; exits 1 when it has any. --lecture: the
                                lecture's figures for LeNet-5, AlexNet, VGG16, GoogLeNet and
                                the Inception module beside Netwright's, and why they differ
  compare <file|template>... [--batch 1,2,4,8,16] [--repeats N] [--engine tfjs|torch] [--backend B] [--json]
                                parameters, MACs, activation memory, published ImageNet accuracy
                                and the forward time per image at each batch size on this machine
                                (median of N passes, default 5, after a warm-up); a batch size
                                that would not fit memory is skipped with the reason
  experiment <file|template>... | --preset degradation [--dataset SPEC] [--epochs N] [--batch N] [--lr X]
        [--optimizer O] [--seed N] [--limit N] [--name TEXT] [--metric error|loss] [-o chart.svg|png]
        [--data-dir DIR] [--json]
                                train several networks one after another with the same settings
                                (the first's own, or the preset's, with the flags over them), each
                                a run of the history; a line per network and epoch, then a table of
                                parameters and final accuracies; -o draws their training (thin) and
                                validation (bold) curves in one chart. The degradation preset is
                                He et al.'s plain-20/56 and ResNet-20/56 on CIFAR-10 (or, when it is
                                not in the cache, a synthetic substitute it names)
  train <file|template> [--dataset SPEC] [--epochs N] [--batch N] [--limit N] [--optimizer sgd|adam|rmsprop]
        [--lr X] [--backend tensorflow|wasm|cpu] [--save DIR] [--engine tfjs|torch] [--estimate] [--json]
        [--weights FILE|imagenet]
                                train with the built-in engine, printing progress (or JSON lines);
                                SPEC: mnist, fashion-mnist, cifar10[:DIR], cifar100[:coarse][:DIR],
                                synthetic:SIZE:CLASSES or a folder with one sub-folder per class;
                                --save keeps the model in DIR; --estimate measures the speed first
                                and says at the end how far off it was; --weights starts from a
                                .pth/.safetensors file, a saved model's folder or the cached
                                ImageNet checkpoint (frozen nodes stay as loaded)
  datasets [--data-dir DIR]     the datasets Netwright downloads, and which are in the cache
  datasets download cifar10|cifar100 [--url URL] [--md5 HEX] [--data-dir DIR]
                                fetch the official archive (or a mirror's) into the cache,
                                checking its MD5; Ctrl+C cancels and keeps nothing
  weights [--data-dir DIR]      the templates with published ImageNet weights, and which are cached
  weights download TEMPLATE [--url BASE] [--data-dir DIR]
                                torchvision's checkpoint into the cache, SHA-256-checked; Ctrl+C
                                cancels; then predict TEMPLATE --weights imagenet
  evaluate <model dir> [--dataset SPEC] [--limit N] [--backend B] [--json]
                                loss and accuracy of a saved model on a dataset's validation part
  explain <model dir> --image IMG | --sample N [--layer NAME] [--gradcam [CLASS]] [--filters]
          [--doc FILE|TEMPLATE] [-o out.png] [--backend B] [--json]
  explain <file|template> --weights FILE|imagenet --image IMG [the same drawing flags]
                                look inside a saved model (a torch run's needs --doc) or a
                                document with a weights file for one image: each layer's
                                per-channel mean and maximum (--json: all of them); -o writes the
                                layer's maps as a grid, its filters, or Grad-CAM over the image (on
                                the last convolution unless --layer, for the predicted class or CLASS)
  export <file|template> --to pytorch|keras|tfjs|json|onnx|svg|png [--layout rows|column] [-o FILE]
                                the network as PyTorch, Keras or TensorFlow.js code, as JSON, as
                                an ONNX model or as a figure, printed or written to FILE (ONNX
                                and PNG need -o); ONNX's weights are fresh unless --weights names
                                a saved model folder, its model.json or a .pth/.safetensors file
  import <model.json> [-o FILE] a TensorFlow.js model.json or Keras model config as a document
  import <model.onnx> -o FILE   an ONNX model as a document, its weights in FILE's .safetensors
  predict <file|template> --weights FILE|imagenet --image IMG [--top N] [--partial] [--backend B] [--json]
                                the top classes (default 5) the network sees in a photo, with
                                weights from a PyTorch .pth/.pt, a .safetensors file or a saved
                                model folder; --json adds the logits; --partial loads the
                                tensors that match and lists the rest
  export-weights <run id|model dir> [--doc FILE|TEMPLATE] [--best] -o FILE
                                a tfjs run's weights as a PyTorch state_dict (.pth) or
                                safetensors file, with torchvision's names for its templates
  export <file|template> --to pytorch-project -o DIR
                                a folder that trains the network without Netwright: train.py,
                                model.py, the data, requirements, a README with torchrun's
                                commands and a Slurm script
  freeze <file|template> --before NODE | --nodes A,B | --none [-o FILE]
                                fix layers for fine-tuning: --before freezes every node that
                                feeds NODE (an id or a label) and trains NODE onwards; --nodes
                                freezes those; --none unfreezes all. Prints the document, or
                                writes FILE and says how many parameters are trainable
  adapt <file|template> --dataset SPEC | --classes N [-o FILE]
                                give the head (the last Dense layer) one unit per class of the
                                dataset (a folder: its sub-folders); the head's old weights are
                                then not loaded, every other layer's are
  runs import DIR [--doc FILE] [--data-dir DIR] [--json]
                                a run of that project's train.py (--run DIR) into the run history

Exit codes: 0 success, 1 invalid document or model (for summary: also a graph with errors),
2 usage, 3 training, evaluation or a download failed.`;

const version = (JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8')) as { version: string }).version;

async function serve(port: number | undefined, dataDir?: string) {
  const data = dataDir ? resolve(dataDir) : defaultDataDir();
  // A long-lived server: an unexpected exception is logged and the server goes on.
  installLastResort(process, join(data, ERROR_LOG));
  const host = await startHost({ port, version, dataDir: data });
  console.log(`Netwright is running at ${host.url}`);
  const quit = () => void host.close().then(() => process.exit(0));
  process.once('SIGINT', quit);
  process.once('SIGTERM', quit);
}

async function main(argv: string[]): Promise<number | undefined> {
  const { command, positional, flags } = parseArgs(argv, new Set(['json', 'help', 'lecture', 'partial', 'best', 'estimate', 'gradcam', 'filters', 'none']));
  const one = () => {
    if (positional.length !== 1) throw new UsageError(`${command} takes one file or template id`);
    return positional[0]!;
  };
  switch (command) {
    case 'help':
    case '--help':
      console.log(USAGE);
      return 0;
    case 'templates':
      allowFlags(flags, []);
      console.log(templateIds.join('\n'));
      return 0;
    case 'summary': {
      allowFlags(flags, ['json', 'lecture']);
      const doc = await openDocument(one());
      return (flags.lecture !== undefined ? lectureCommand : summaryCommand)(doc, flags.json !== undefined);
    }
    case 'compare':
      allowFlags(flags, COMPARE_FLAGS);
      return compareCommand(positional, flags);
    case 'experiment':
      allowFlags(flags, EXPERIMENT_FLAGS);
      return experimentCommand(positional, flags);
    case 'train': {
      allowFlags(flags, TRAIN_FLAGS);
      const ref = one();
      const options = trainOptionsFromFlags(flags);
      return trainCommand(await openDocument(ref), options);
    }
    case 'evaluate': {
      allowFlags(flags, EVALUATE_FLAGS);
      if (positional.length !== 1) throw new UsageError('evaluate takes one model folder');
      return evaluateCommand(positional[0]!, flags);
    }
    case 'explain':
      allowFlags(flags, EXPLAIN_FLAGS);
      return explainCommand(positional, flags);
    case 'datasets':
      allowFlags(flags, DATASETS_FLAGS);
      return datasetsCommand(positional, flags);
    case 'weights':
      allowFlags(flags, WEIGHTS_FLAGS);
      return weightsCommand(positional, flags);
    case 'import':
      allowFlags(flags, []);
      return importCommand(positional);
    case 'export': {
      allowFlags(flags, EXPORT_FLAGS);
      if (flags.to === PROJECT_TARGET) return exportProjectCommand(positional, flags);
      const args = exportArgs(positional, flags);
      return exportCommand(await openDocument(args.ref), args);
    }
    case 'predict': {
      allowFlags(flags, PREDICT_FLAGS);
      return predictCommand(await openDocument(one()), flags);
    }
    case 'runs':
      allowFlags(flags, RUNS_FLAGS);
      return runsCommand(positional, flags);
    case 'export-weights':
      allowFlags(flags, EXPORT_WEIGHTS_FLAGS);
      return exportWeightsCommand(positional, flags);
    case 'freeze':
      allowFlags(flags, FREEZE_FLAGS);
      return freezeCommand(positional, flags);
    case 'adapt':
      allowFlags(flags, ADAPT_FLAGS);
      return adaptCommand(positional, flags);
    case 'serve': {
      allowFlags(flags, ['port', 'data-dir']);
      const dataDir = flags['data-dir'];
      if (dataDir === true) throw new UsageError('--data-dir needs a folder');
      await serve(intFlag(flags, 'port', 0, 65535), dataDir);
      return undefined;
    }
    case 'start': {
      allowFlags(flags, ['port']);
      const electron = findElectron();
      if ('path' in electron) return startElectron(electron.path);
      console.log(`Electron is not available here (${electron.missing}); starting the browser mode instead.`);
      await serve(intFlag(flags, 'port', 0, 65535));
      return undefined;
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError) {
      console.error(`netwright: ${e.message}\n\n${USAGE}`);
      process.exitCode = 2;
    } else if (e instanceof NodeNotFound) {
      console.error(`netwright: ${e.message}`);
      process.exitCode = 2;
    } else if (e instanceof InvalidDocument || e instanceof InvalidModel) {
      console.error(`netwright: ${e.message}`);
      process.exitCode = 1;
    } else {
      console.error(`netwright: ${(e as Error).stack ?? e}`);
      process.exitCode = 1;
    }
  },
);

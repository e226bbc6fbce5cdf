/**
 * Fine-tuning in the generated train.py: the document's frozen layers and learning-rate factors
 * (shared/trainable.ts) as module names — the state_dict's, which the generated model uses — and
 * the Python that honours them: `requires_grad_(False)` on frozen modules' parameters, their
 * BatchNorm kept in eval() while the rest trains, one optimizer parameter group per factor, and
 * `--weights FILE` loading a state_dict strictly except for the resized head (HEAD), whose
 * tensors in another shape are left out and said so — as the tfjs engine does.
 */
import { expandDocument } from '../blocks/expand';
import { headOf } from '../document/transfer';
import type { NetwrightDocument } from '../graph/schema';
import { flagsOf, trainingFlags } from '../trainable';
import { weightedLayers } from '../weights/convert';
import { pyLiteral } from './python';

/** FROZEN, LR_FACTORS and HEAD for the document: `FROZEN = ["conv1", "bn1"]`. */
export function fineTuneSettings(doc: NetwrightDocument): string[] {
  const flags = trainingFlags(doc, expandDocument(doc));
  // Module names are needed only where something is frozen or scaled, or for --weights' head:
  // a network whose names collide (two layers labelled alike) still trains from scratch.
  let layers: ReturnType<typeof weightedLayers>['layers'] = [];
  try {
    layers = weightedLayers(doc).layers;
  } catch (e) {
    if (flags.size > 0) throw e;
  }
  const frozen = layers.filter((l) => flagsOf(flags, l.id).frozen).map((l) => l.module);
  const factors = layers.filter((l) => !flagsOf(flags, l.id).frozen && flagsOf(flags, l.id).lrFactor !== 1).map((l) => `${JSON.stringify(l.module)}: ${flagsOf(flags, l.id).lrFactor}`);
  const head = headOf(doc);
  const headModule = head && layers.find((l) => l.id === head.id)?.module;
  return [
    "# Fine-tuning: modules whose weights stay as loaded (their BatchNorm in eval mode), each other module's learning-rate factor, and the head whose old weights --weights may leave out.",
    `FROZEN = ${JSON.stringify(frozen)}`,
    `LR_FACTORS = {${factors.join(', ')}}`,
    `HEAD = ${headModule ? JSON.stringify(headModule) : 'None'}`,
  ];
}

/** The Python: freezing, eval-mode BatchNorm, parameter groups by factor, loading starting weights. */
export const TRAIN_FINETUNE = String.raw`def bare(model):
    """The model itself, without DistributedDataParallel's wrapper (whose names start with module.)."""
    return model.module if isinstance(model, DistributedDataParallel) else model


def freeze(model):
    """requires_grad_(False) on FROZEN's parameters: no gradient, no update."""
    for name in FROZEN:
        model.get_submodule(name).requires_grad_(False)


def keep_frozen_eval(model):
    """After model.train(): frozen BatchNorm uses and keeps its running statistics."""
    for name in FROZEN:
        module = bare(model).get_submodule(name)
        if isinstance(module, nn.modules.batchnorm._BatchNorm):
            module.eval()


def lr_factor(name):
    """The factor of a parameter, by the module it belongs to (LR_FACTORS; 1 where absent)."""
    return next((f for module, f in LR_FACTORS.items() if name.startswith(module + ".")), 1.0)


def parameter_groups(model, lr, decay):
    """One group per learning-rate factor (the run's rate first), each split as make_optimizer does: kernels decayed, vectors not."""
    params = [(n, p) for n, p in bare(model).named_parameters() if p.requires_grad]
    factors = sorted({lr_factor(n) for n, _ in params}, key=lambda f: (f != 1.0, f))
    groups = []
    for factor in factors:
        mine = [p for n, p in params if lr_factor(n) == factor]
        groups += [{"params": [p for p in mine if p.dim() > 1], "weight_decay": decay, "lr": lr * factor}, {"params": [p for p in mine if p.dim() <= 1], "weight_decay": 0, "lr": lr * factor}]
    return [g for g in groups if g["params"]]


def parameter_count(model):
    """(trainable, frozen) parameters, as the tfjs engine counts them (BatchNorm's statistics are buffers: in neither)."""
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    return trainable, sum(p.numel() for p in model.parameters()) - trainable


def load_weights(model, path, emit):
    """A state_dict into the model: every tensor must fit, except the resized HEAD's, left out and said so."""
    weights = torch.load(path, map_location="cpu")
    own = model.state_dict()
    new_head = [k for k in weights if HEAD and k.startswith(HEAD + ".") and k in own and weights[k].shape != own[k].shape]
    for key in new_head:
        del weights[key]
    for key, tensor in weights.items():
        if key not in own:
            raise DatasetError(f"{key}: no layer takes this tensor")
        if tensor.shape != own[key].shape:
            raise DatasetError(f"{key}: the file has {tuple(tensor.shape)}, the layer needs {tuple(own[key].shape)}")
    missing = [k for k in own if k not in weights and not k.endswith("num_batches_tracked") and not (new_head and k.startswith(HEAD + "."))]
    if missing:
        raise DatasetError(f"{missing[0]}: missing from the file")
    model.load_state_dict(weights, strict=False)
    layers = len({k.rsplit(".", 1)[0] for k in weights if not k.endswith("num_batches_tracked")})
    head = f"; {HEAD}: new, {own[HEAD + '.weight'].shape[0]} classes (its weights start at random)" if new_head else ""
    emit({"type": "log", "message": f"Started from {os.path.basename(path)}: {layers} layers loaded{head}."})`.split('\n');

/** Names it defines, which a generated class must not take. */
export const TRAIN_FINETUNE_NAMES = ['FROZEN', 'LR_FACTORS', 'HEAD'];

/**
 * The loop of the generated train.py, in Python: arguments, optimizer (weight decay on kernels
 * only), learning-rate schedule, loss, the epochs with their events, DistributedDataParallel
 * under torchrun, the trained weights saved (--save) before the done event and the best epoch's
 * (--save-best) before that epoch's event; with --run DIR, all of that kept in DIR as a run that
 * `netwright runs import` reads (events.jsonl, settings.json, final/, best/, checkpoint.pt); a
 * checkpoint after every epoch (--checkpoint) and --resume from one (pytorch-train-checkpoint.ts).
 * It reads what
 * pytorch-train.ts writes above it: MODEL, INPUT (C, H, W), CLASSES, ENDS_IN_SOFTMAX (forward()
 * returns probabilities, not logits) and
 * TRAINING (the document's training settings).
 */
export const TRAIN_LOOP = String.raw`class Diverged(Exception):
    pass


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--dataset", help="mnist, fashion-mnist, cifar10, cifar100, cifar100:coarse, synthetic:SIZE:CLASSES[:CHANNELS] (SIZE is N or HxW), or a folder with one sub-folder of images per class; default: the document's, " + TRAINING.get("dataset", "mnist") + ", read from data/ beside this script where Netwright prepared it there")
    p.add_argument("--data", default=os.environ.get("NETWRIGHT_DATA"), help="a folder Netwright prepared (with dataset.json), or the directory of the MNIST / Fashion-MNIST IDX files or of CIFAR's binary files (nothing is downloaded)")
    p.add_argument("--epochs", type=int, default=TRAINING.get("epochs", 3))
    p.add_argument("--batch-size", type=int, default=TRAINING.get("batchSize", 32), help="per process under torchrun")
    p.add_argument("--lr", type=float, default=TRAINING.get("learningRate", 0.001))
    p.add_argument("--optimizer", choices=["adam", "sgd", "rmsprop"], default=TRAINING.get("optimizer", "adam"))
    p.add_argument("--seed", type=int, default=TRAINING.get("seed", 1))
    p.add_argument("--limit", type=int, help="use only the first N training images")
    p.add_argument("--workers", type=int, default=0, help="DataLoader worker processes")
    p.add_argument("--cpu", action="store_true", help="do not use CUDA even where it is available")
    p.add_argument("--weights", metavar="FILE", help="start from this state_dict (.pt/.pth): every tensor must fit, except the resized head's (fine-tuning)")
    p.add_argument("--save", metavar="DIR", action="append", help="after the last epoch, write the trained weights to DIR/model.pt (a state_dict: MODEL().load_state_dict(torch.load(path))); may be repeated")
    p.add_argument("--save-best", metavar="DIR", action="append", help="after each epoch whose validation accuracy is the best so far, write its weights to DIR/model.pt; may be repeated")
    p.add_argument("--run", metavar="DIR", help="keep the run in DIR as 'netwright runs import DIR' reads it: events.jsonl, settings.json, final/model.pt, best/model.pt and checkpoint.pt")
    p.add_argument("--checkpoint", metavar="DIR", action="append", help="after each epoch, write DIR/checkpoint.pt (model, optimizer, schedule, epoch, best accuracy, random generators) for --resume; may be repeated")
    p.add_argument("--resume", metavar="PATH", help="go on from a checkpoint.pt (or the folder holding it) with its next epoch, up to --epochs; with --run the events are appended")
    p.add_argument("--stop-after", metavar="EPOCH", type=int, help="stop after this epoch's checkpoint, as a job's time limit would, to --resume later (a 'stopped' event, no --save)")
    args = p.parse_args()
    if args.dataset is None:
        args.dataset = TRAINING.get("dataset", "mnist")
        args.data = args.data or bundled_data()
    if args.run:
        args.save = (args.save or []) + [os.path.join(args.run, "final")]
        args.save_best = (args.save_best or []) + [os.path.join(args.run, "best")]
        args.checkpoint = (args.checkpoint or []) + [args.run]
    return args


def bundled_data():
    """The document's dataset as Netwright prepared it, in data/ beside this script (an exported project's), else None."""
    folder = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
    return folder if is_prepared(folder) else None


def saves_weights(distributed):
    """One process per machine writes --save and --save-best (LOCAL_RANK 0): every node then holds the weights, shared disk or not."""
    return not distributed or int(os.environ.get("LOCAL_RANK", "0")) == 0


def run_settings(args, distributed):
    """What --run DIR keeps in settings.json: the run's settings as the command line made them."""
    return {
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "dataset": args.dataset,
        "epochs": args.epochs,
        "batchSize": args.batch_size,
        "learningRate": args.lr,
        "optimizer": args.optimizer,
        "seed": args.seed,
        "limit": args.limit,
        "processes": dist.get_world_size() if distributed else 1,
    }


def make_optimizer(model, name, lr, cuda):
    # Weight decay is an L2 penalty on kernels, not on biases or BatchNorm (their parameters are vectors).
    decay = TRAINING.get("weightDecay", 0)
    # Frozen parameters are left out; each learning-rate factor is a group of its own (fine-tuning).
    groups = parameter_groups(model, lr, decay)
    # On a GPU, one kernel launch per step for all parameters instead of several per parameter:
    # small models are bound by launches, not arithmetic.
    fast = {"foreach": True} if cuda else {}
    if name == "sgd":
        return torch.optim.SGD(groups, lr=lr, momentum=TRAINING.get("momentum", 0), **fast)
    if name == "rmsprop":
        # Keras and tfjs keep 0.9 of the mean square; PyTorch's default keeps 0.99.
        return torch.optim.RMSprop(groups, lr=lr, alpha=0.9, **fast)
    return torch.optim.Adam(groups, lr=lr, **fast)


class Batches:
    """(x, y) batches in the sampler's order. A prepared dataset is indexed straight from memory
    (on the GPU when it was moved there), with no DataLoader in between; other datasets, whose
    images are read or generated one by one, go through a DataLoader (worker processes, pinned memory)."""

    def __init__(self, data, sampler, batch_size, workers, pin):
        self.data, self.index = data, BatchSampler(sampler, batch_size, drop_last=False)
        direct = isinstance(data, Prepared) and workers == 0
        self.loader = None if direct else DataLoader(data, sampler=self.index, batch_size=None, num_workers=workers, pin_memory=pin)

    def __len__(self):
        return len(self.index)

    def __iter__(self):
        return iter(self.loader) if self.loader is not None else (self.data[b] for b in self.index)


def make_schedule(optimizer, epochs, batches):
    """(scheduler, per_batch): StepLR every few epochs, or a cosine over every batch of the run."""
    schedule = TRAINING.get("schedule", {"kind": "none"})
    if schedule["kind"] == "step":
        return torch.optim.lr_scheduler.StepLR(optimizer, step_size=schedule["every"], gamma=schedule["gamma"]), False
    if schedule["kind"] == "cosine":
        return torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=max(epochs * batches, 1)), True
    return None, False


def loss_of(out, y):
    if ENDS_IN_SOFTMAX:
        # forward() ends in a softmax (one inside a block, which the export keeps): cross-entropy of its probabilities.
        return F.nll_loss(torch.log(out.clamp_min(1e-7)), y)
    # Logits, a network's softmax left out of forward(): CrossEntropyLoss applies the log-softmax itself.
    return F.cross_entropy(out, y)


def first(out):
    return out[0] if isinstance(out, (tuple, list)) else out


def check_finite(loss, epoch, batch, lr):
    if not math.isfinite(loss):
        raise Diverged(f"The loss became {'NaN' if math.isnan(loss) else 'infinite'} at epoch {epoch}, batch {batch}: training diverged. Lower the learning rate (now {lr}), e.g. to {lr / 10}.")


def save_weights(model, folders):
    """The model's state_dict as model.pt in each folder (without DistributedDataParallel's wrapper)."""
    weights = (model.module if isinstance(model, DistributedDataParallel) else model).state_dict()
    for folder in folders:
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, "model.pt")
        # A temporary name of this process's own: on a shared disk, each machine's writer replaces the file whole.
        temporary = f"{path}.{os.environ.get('RANK', '0')}.tmp"
        torch.save(weights, temporary)
        os.replace(temporary, path)  # never half a file under the final name


def evaluate(model, loader, prepare, distributed):
    """Loss, accuracy and the confusion matrix (true × predicted) over the whole loader (every process's share, when distributed)."""
    model.eval()
    totals = None
    pairs = None
    with torch.no_grad():
        for x, y in loader:
            x, y = prepare(x, y, False)
            out = first(model(x))
            predicted = out.argmax(1)
            batch = torch.stack([loss_of(out, y).double() * len(y), (predicted == y).sum().double(), torch.tensor(len(y), dtype=torch.float64, device=y.device)])
            counted = torch.bincount(y.long() * CLASSES + predicted, minlength=CLASSES * CLASSES).double()
            totals = batch if totals is None else totals + batch
            pairs = counted if pairs is None else pairs + counted
    if distributed:
        dist.all_reduce(totals)
        dist.all_reduce(pairs)
    loss, correct, count = totals.tolist()
    confusion = [[int(v) for v in row] for row in pairs.view(CLASSES, CLASSES).tolist()]
    return loss / max(count, 1), correct / max(count, 1), confusion


def evaluation_event(epoch, class_names, confusion):
    """The confusion matrix and each class's accuracy, as the tfjs engine reports them (without sample images)."""
    names = [str(n) for n in class_names] + [str(i) for i in range(len(class_names), CLASSES)]
    per_class = [row[i] / sum(row) if sum(row) else None for i, row in enumerate(confusion)]
    return {"type": "evaluation", "epoch": epoch, "classNames": names, "confusion": confusion, "perClassAccuracy": per_class, "samples": []}


def train(args, emit, device, distributed):
    random.seed(args.seed)
    torch.manual_seed(args.seed)
    spec = None if is_prepared(args.data) else parse_spec(args.dataset)
    if spec is None:
        train_set, val_set, title, class_names = load_prepared(args.data, args.limit)
    elif spec["kind"] in CIFAR:
        train_set, val_set, title, class_names = load_cifar(spec, args.data, args.limit)
    else:
        pool = ImagePool(spec, args.data)
        train_set, val_set = split(pool, args.seed, TRAINING.get("validationSplit", 0.2), args.limit)
        title, class_names = pool.title, pool.class_names
    standardize = TRAINING.get("normalization", "scale") == "standardize"
    mean, std = (t.view(1, -1, 1, 1).to(device) for t in channel_stats(train_set, "standardize" if standardize else "scale"))
    aug = TRAINING.get("augmentation", {})

    def prepare(x, y, training):
        x = x.to(device, non_blocking=True).float().div_(255)
        if training:
            x = augment(x, aug.get("flip", False), aug.get("crop", 0))
        if standardize:  # else the mean is 0 and the deviation 1: two passes over the batch saved
            x = (x - mean) / std
        return x, y.to(device, non_blocking=True)

    model = MODEL().to(device)
    if any(isinstance(m, nn.modules.lazy.LazyModuleMixin) for m in model.modules()):
        # Lazy modules take their sizes from a first pass, before the optimizer sees them.
        model.eval()
        with torch.no_grad():
            model(torch.zeros(2, *INPUT, device=device))
    freeze(model)
    if args.weights:
        load_weights(model, args.weights, emit)
    if distributed:
        if device.type == "cuda":
            model = nn.SyncBatchNorm.convert_sync_batchnorm(model)
        model = DistributedDataParallel(model, device_ids=[device.index] if device.type == "cuda" else None)
    generator = torch.Generator().manual_seed(args.seed + 1)
    train_sampler = DistributedSampler(train_set, shuffle=True, seed=args.seed) if distributed else RandomSampler(train_set, generator=generator)
    val_sampler = DistributedSampler(val_set, shuffle=False) if distributed else SequentialSampler(val_set)
    if device.type == "cuda":
        for part in (train_set, val_set):
            if isinstance(part, Prepared) and part.images.numel() < 2**30:
                # Moved once: then no batch is copied from the host (the images stay 8-bit).
                part.images, part.labels = part.images.to(device), part.labels.to(device)
    # The datasets read a whole batch per call (one gather, not one call per image).
    pin = device.type == "cuda"
    train_loader = Batches(train_set, train_sampler, args.batch_size, args.workers, pin)
    val_loader = Batches(val_set, val_sampler, args.batch_size, args.workers, pin)
    optimizer = make_optimizer(model, args.optimizer, args.lr, device.type == "cuda")
    batches = len(train_loader)
    scheduler, per_batch = make_schedule(optimizer, args.epochs, batches)
    # A checkpoint is loaded before the start event: one that cannot be is the run's only line.
    history = []
    best_acc = -1.0
    seconds = 0.0
    done_epochs = 0
    if args.resume:
        done_epochs, best_acc, history, seconds = resume_from(args.resume, model, optimizer, scheduler, generator, args.epochs)
        emit({"type": "log", "message": f"Resumed from {checkpoint_path(args.resume)} after epoch {done_epochs}"})
    c, h, w = INPUT
    emit({"type": "start", "engine": "torch", "backend": device.type, "epochs": args.epochs, "batchesPerEpoch": batches, "trainSamples": len(train_set), "valSamples": len(val_set), "dataset": title, "classNames": class_names, "inputShape": [h, w, c], "normalization": {"mean": mean.flatten().tolist(), "std": std.flatten().tolist()}, **dict(zip(("trainableParams", "frozenParams"), parameter_count(model)))})
    for epoch in range(done_epochs + 1, args.epochs + 1):
        if distributed:
            train_sampler.set_epoch(epoch)
        model.train()
        keep_frozen_eval(model)
        # Sums kept on the device, so that a batch costs no wait for it (read once per epoch).
        loss_sum = torch.zeros((), device=device, dtype=torch.float64)
        correct = torch.zeros((), device=device, dtype=torch.int64)
        count = 0
        last_event = -math.inf
        began = time.perf_counter()
        for batch, (x, y) in enumerate(train_loader, 1):
            x, y = prepare(x, y, True)
            out = first(model(x))
            loss = loss_of(out, y)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            lr = optimizer.param_groups[0]["lr"]
            if per_batch:
                scheduler.step()
            hits = (out.argmax(1) == y).sum()
            loss_sum.add_(loss.detach(), alpha=len(y))
            correct += hits
            count += len(y)
            now = time.perf_counter()
            # Reading the loss waits for the GPU: only as often as an event is printed.
            if now - last_event >= 0.1 or batch == batches:
                last_event = now
                value = loss.item()
                check_finite(value, epoch, batch, args.lr)
                done = (epoch - 1) * batches + batch
                eta = (seconds + now - began) / done * (args.epochs * batches - done)
                emit({"type": "batch", "epoch": epoch, "batch": batch, "batches": batches, "loss": value, "acc": hits.item() / len(y), "eta": eta, "learningRate": lr})
        if device.type == "cuda":
            torch.cuda.synchronize(device)
        seconds += time.perf_counter() - began
        if scheduler is not None and not per_batch:
            scheduler.step()
        totals = torch.stack([loss_sum, correct.double(), torch.tensor(float(count), device=device, dtype=torch.float64)])
        if distributed:
            dist.all_reduce(totals)
        total_loss, total_correct, total_count = totals.tolist()
        check_finite(total_loss, epoch, batches, args.lr)
        val_loss, val_acc, confusion = evaluate(model, val_loader, prepare, distributed)
        # The epoch's wall-clock seconds, training and validation, as the tfjs engine reports them.
        metrics = {"epoch": epoch, "loss": total_loss / total_count, "acc": total_correct / total_count, "valLoss": val_loss, "valAcc": val_acc, "seconds": time.perf_counter() - began}
        history.append(metrics)
        # Saved before the epoch event, so that a listener finds the weights when it reads it.
        if args.save_best and val_acc > best_acc and saves_weights(distributed):
            save_weights(model, args.save_best)
        best_acc = max(best_acc, val_acc)
        emit({"type": "epoch", **metrics})
        emit(evaluation_event(epoch, class_names, confusion))
        if args.checkpoint and saves_weights(distributed):
            save_checkpoint(args.checkpoint, checkpoint_state(model, optimizer, scheduler, generator, epoch, best_acc, history, seconds))
        if args.stop_after and epoch >= args.stop_after and epoch < args.epochs:
            emit({"type": "stopped"})
            return
    if args.save and saves_weights(distributed):
        save_weights(model, args.save)
    best = max(history, key=lambda m: m["valAcc"])["epoch"]
    emit({"type": "done", "epochs": history, "engine": "torch", "backend": device.type, "samplesPerSecond": len(train_set) * args.epochs / max(seconds, 1e-9), "bestEpoch": best})


def main():
    args = parse_args()
    # torchrun sets WORLD_SIZE, RANK and LOCAL_RANK for each process it starts; a single process
    # under torchrun goes the DistributedDataParallel way too, as it would on more.
    distributed = "WORLD_SIZE" in os.environ and "LOCAL_RANK" in os.environ
    rank = int(os.environ.get("RANK", "0")) if distributed else 0
    cuda = torch.cuda.is_available() and not args.cpu
    if cuda:
        device = torch.device("cuda", int(os.environ["LOCAL_RANK"]) if distributed else torch.cuda.current_device())
        torch.cuda.set_device(device)
    else:
        device = torch.device("cpu")
    if distributed:
        dist.init_process_group("nccl" if cuda else "gloo")

    log = None
    if args.run and rank == 0:
        os.makedirs(args.run, exist_ok=True)
        with open(os.path.join(args.run, "settings.json"), "w", encoding="utf-8") as f:
            json.dump(run_settings(args, distributed), f, indent=2)
        log = open(os.path.join(args.run, "events.jsonl"), "a" if args.resume else "w", encoding="utf-8")

    def emit(event):
        if rank == 0:
            line = json.dumps(event)
            print(line, flush=True)
            if log:
                log.write(line + "\n")
                log.flush()

    try:
        if distributed:
            emit({"type": "log", "message": f"DistributedDataParallel: {dist.get_world_size()} process(es), {dist.get_backend()}, on {device.type}"})
        train(args, emit, device, distributed)
        code = 0
    except (DatasetError, Diverged, ResumeError) as e:
        emit({"type": "error", "message": str(e)})
        code = 1
    except Exception as e:
        traceback.print_exc()
        emit({"type": "error", "message": f"{type(e).__name__}: {e}"})
        code = 1
    finally:
        if distributed:
            dist.destroy_process_group()
        if log:
            log.close()
    sys.exit(code)


if __name__ == "__main__":
    main()`.split('\n');

/** Names it defines, which a generated class must not take. */
export const TRAIN_LOOP_NAMES = ['MODEL', 'INPUT', 'CLASSES', 'ENDS_IN_SOFTMAX', 'TRAINING', 'Diverged', 'Batches', 'DataLoader', 'DistributedDataParallel', 'DistributedSampler'];

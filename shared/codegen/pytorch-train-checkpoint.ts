/**
 * Checkpoints of the generated train.py, in Python: after every epoch, `--checkpoint DIR` (and
 * `--run DIR`, into the run's folder) writes DIR/checkpoint.pt holding the model, the optimizer,
 * the learning-rate schedule, the epoch, the best validation accuracy, the epochs' metrics and
 * every random generator the run draws from (torch's, Python's, CUDA's, the training sampler's).
 * `--resume PATH` loads one and goes on with the next epoch, so that on the same device an
 * interrupted run ends with the very weights of an uninterrupted one.
 */

export const TRAIN_CHECKPOINT = String.raw`class ResumeError(Exception):
    """A checkpoint that cannot be resumed from; the message says why."""


def checkpoint_path(path):
    """A checkpoint file, or the folder --checkpoint wrote it into."""
    return os.path.join(path, "checkpoint.pt") if os.path.isdir(path) else path


def save_checkpoint(folders, state):
    """state as checkpoint.pt in each folder, written whole under a temporary name first."""
    for folder in folders:
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, "checkpoint.pt")
        temporary = f"{path}.{os.environ.get('RANK', '0')}.tmp"
        torch.save(state, temporary)
        os.replace(temporary, path)


def checkpoint_state(model, optimizer, scheduler, generator, epoch, best_acc, history, seconds):
    """What a run needs to go on after epoch: its weights, its optimizer and schedule, its metrics and its random generators."""
    return {
        "epoch": epoch,
        "model": (model.module if isinstance(model, DistributedDataParallel) else model).state_dict(),
        "optimizer": optimizer.state_dict(),
        "scheduler": scheduler.state_dict() if scheduler is not None else None,
        "bestAcc": best_acc,
        "history": history,
        "seconds": seconds,
        "rng": {
            "torch": torch.get_rng_state(),
            "cuda": torch.cuda.get_rng_state_all() if torch.cuda.is_available() else None,
            "python": random.getstate(),
            "sampler": generator.get_state(),
        },
    }


def resume_from(path, model, optimizer, scheduler, generator, epochs):
    """Load a checkpoint into the run: (the epoch it ended, best accuracy, metrics so far, seconds trained)."""
    file = checkpoint_path(path)
    if not os.path.isfile(file):
        raise ResumeError(f"--resume {path}: there is no checkpoint there (train.py --checkpoint DIR or --run DIR writes DIR/checkpoint.pt after each epoch)")
    state = torch.load(file, map_location="cpu")
    if state["epoch"] >= epochs:
        raise ResumeError(f"--resume {path}: the checkpoint is after epoch {state['epoch']}, and this run has {epochs} epochs; give --epochs more than {state['epoch']}")
    (model.module if isinstance(model, DistributedDataParallel) else model).load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    if scheduler is not None and state["scheduler"] is not None:
        scheduler.load_state_dict(state["scheduler"])
    rng = state["rng"]
    torch.set_rng_state(rng["torch"])
    if rng["cuda"] is not None and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(rng["cuda"])
    random.setstate(rng["python"])
    generator.set_state(rng["sampler"])
    return state["epoch"], state["bestAcc"], state["history"], state["seconds"]`.split('\n');

/** Names it defines, which a generated class must not take. */
export const TRAIN_CHECKPOINT_NAMES = ['ResumeError'];

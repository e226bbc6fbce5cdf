/**
 * CIFAR-10 and CIFAR-100 in the generated train.py, in Python: the official binary files read
 * where they lie (`--dataset cifar10 --data DIR`, or `cifar10:DIR`, `cifar100[:coarse][:DIR]` as
 * Netwright's specs write them), in the format node/engine/data/cifar.ts reads: records of label
 * bytes then 3,072 pixel bytes (red, green, blue planes of 32×32), data_batch_1..5.bin and
 * test_batch.bin (CIFAR-10, one label byte) or train.bin and test.bin (CIFAR-100: coarse, then
 * fine). As in Netwright, the official test files are the validation part; DIR may be the
 * folder of the files or the one the archive unpacks into.
 */

export const TRAIN_CIFAR = String.raw`CIFAR = {
    "cifar10": {"title": "CIFAR-10", "folder": "cifar-10-batches-bin", "train": [f"data_batch_{i}.bin" for i in range(1, 6)], "test": ["test_batch.bin"], "label_bytes": 1, "url": "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"},
    "cifar100": {"title": "CIFAR-100", "folder": "cifar-100-binary", "train": ["train.bin"], "test": ["test.bin"], "label_bytes": 2, "url": "https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz"},
}
CIFAR10_NAMES = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]


def parse_cifar(s):
    """cifar10[:DIR] or cifar100[:fine|:coarse][:DIR] as a spec, else None: {"kind": "cifar100", "labels": "coarse", "dir": None}."""
    for kind in ("cifar100", "cifar10"):
        if s == kind or s.startswith(kind + ":"):
            tail = s[len(kind) + 1 :] if s != kind else None
            labels = "fine"
            if kind == "cifar100" and tail is not None:
                word = tail.split(":")[0]
                if word in ("fine", "coarse"):
                    labels = word
                    tail = tail[len(word) + 1 :] if tail != word else None
            if tail == "":
                raise DatasetError(f'"{s}" names no folder after the colon: write {kind} --data DIR or {kind}:DIR')
            return {"kind": kind, "labels": labels, "dir": os.path.expanduser(tail) if tail else None}
    return None


def cifar_folder(spec, data):
    """The folder of the spec's binary files: DIR itself, or DIR/<the archive's folder>."""
    source = CIFAR[spec["kind"]]
    root = spec["dir"] or data
    if not root:
        raise DatasetError(f"--data DIR is needed for {spec['kind']}: the folder of {source['title']}'s binary files, from {source['url']} (this script downloads nothing)")
    for folder in (root, os.path.join(root, source["folder"])):
        if os.path.isfile(os.path.join(folder, source["train"][0])):
            missing = [f for f in source["train"] + source["test"] if not os.path.isfile(os.path.join(folder, f))]
            if missing:
                raise DatasetError(f"{source['title']}: {folder} lacks {', '.join(missing)}")
            return folder
    raise DatasetError(f"{root} holds no {source['train'][0]} (nor {source['folder']}/{source['train'][0]}): put {source['title']}'s binary files there, from {source['url']}")


def read_cifar(paths, label_bytes, offset, classes):
    """Records as (images N×3×32×32 uint8, labels): the label byte at offset, then the three planes."""
    parts = []
    for path in paths:
        with open(path, "rb") as f:
            data = f.read()
        record = label_bytes + 3072
        if not data or len(data) % record:
            raise DatasetError(f"{path} is {len(data):,} bytes, not a whole number of {record:,}-byte records: it is not CIFAR's binary format, or it was cut short")
        parts.append(torch.frombuffer(bytearray(data), dtype=torch.uint8).reshape(-1, record))
    records = torch.cat(parts)
    labels = records[:, offset].long()
    if len(labels) and int(labels.max()) >= classes:
        raise DatasetError(f"{paths[0]}: a record has label {int(labels.max())}; the labels go from 0 to {classes - 1}")
    return records[:, label_bytes:].reshape(-1, 3, 32, 32), labels


def cifar_names(folder, spec, classes):
    """The class names from the folder's names file (one a line), else CIFAR-10's own or "class N"."""
    file = "batches.meta.txt" if spec["kind"] == "cifar10" else f"{spec['labels']}_label_names.txt"
    path = os.path.join(folder, file)
    lines = []
    if os.path.isfile(path):
        with open(path, encoding="utf-8") as f:
            lines = [line.strip() for line in f if line.strip()]
    if len(lines) == classes:
        return lines
    return CIFAR10_NAMES if spec["kind"] == "cifar10" else [f"class {k}" for k in range(classes)]


def load_cifar(spec, data, limit):
    """(train, validation, title, class names): the official training files, and the test files held out, fitted to the model's input."""
    source = CIFAR[spec["kind"]]
    folder = cifar_folder(spec, data)
    coarse = spec["labels"] == "coarse"
    classes = 10 if spec["kind"] == "cifar10" else 20 if coarse else 100
    # CIFAR-100's records hold the coarse label, then the fine one.
    offset = 1 if spec["kind"] == "cifar100" and not coarse else 0
    parts = []
    for files in (source["train"], source["test"]):
        images, labels = read_cifar([os.path.join(folder, f) for f in files], source["label_bytes"], offset, classes)
        if tuple(images.shape[1:]) != tuple(INPUT):
            images = torch.stack([fit(image) for image in images])
        parts.append(Prepared(images, labels))
    train, val = parts
    if limit and limit < len(train):
        train = Prepared(train.images[:limit], train.labels[:limit])
    title = source["title"] + (" (20 superclasses)" if coarse else "")
    if classes > CLASSES:
        raise DatasetError(f"{title} has {classes} classes but the model gives {CLASSES} outputs")
    return train, val, title, cifar_names(folder, spec, classes)`.split('\n');

/** Names it defines, which a generated class must not take. */
export const TRAIN_CIFAR_NAMES = ['CIFAR', 'CIFAR10_NAMES'];

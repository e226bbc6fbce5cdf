/**
 * The datasets of the generated train.py, in Python, read and fitted as Netwright's engine does:
 * a folder Netwright prepared (split and fitted, the torch engine's way), mnist / fashion-mnist from IDX files, CIFAR (pytorch-train-cifar.ts), Netwright's synthetic images (pytorch-train-synthetic.ts), folders of images
 * (one sub-folder per class); channels converted, then padded or resized to the model's input;
 * the engine's seeded validation split; per-channel statistics; flip and shift augmentation.
 */
import { TRAIN_SYNTHETIC_NAMES } from './pytorch-train-synthetic';

export const TRAIN_DATA = String.raw`FASHION = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
SYNTHETIC_PER_CLASS = 500
IDX = ("train-images-idx3-ubyte", "train-labels-idx1-ubyte")
TORCHVISION_FOLDERS = {"mnist": "MNIST", "fashion-mnist": "FashionMNIST"}


class DatasetError(Exception):
    """A dataset that cannot be loaded; the message says what to do."""


def parse_spec(text):
    """A dataset spec, as Netwright writes them: {"kind": "mnist"}, {"kind": "synthetic", "height": 32, …}."""
    s = text.strip()
    if s in ("mnist", "fashion-mnist"):
        return {"kind": s}
    cifar = parse_cifar(s)
    if cifar:
        return cifar
    if s.startswith("synthetic:"):
        parts = s.split(":")[1:]
        size = parts[0].split("x") if parts else []
        numbers = size + parts[1:]
        if not 2 <= len(parts) <= 3 or len(size) > 2 or not all(p.isdigit() for p in numbers):
            raise DatasetError(f'"{s}" is not a synthetic dataset: write synthetic:SIZE:CLASSES (e.g. synthetic:32:10) or synthetic:HxW:CLASSES:CHANNELS')
        h, w = int(size[0]), int(size[-1])
        return {"kind": "synthetic", "height": h, "width": w, "classes": int(parts[1]), "channels": int(parts[2]) if len(parts) == 3 else 3}
    if s and ("/" in s or "\\" in s or s.startswith((".", "~"))):
        return {"kind": "folder", "path": os.path.expanduser(s)}
    raise DatasetError(f'Unknown dataset "{s}": use mnist, fashion-mnist, cifar10, cifar100, cifar100:coarse, synthetic:SIZE:CLASSES or a folder path')


def read_idx(path):
    """An IDX file (MNIST's format) as a uint8 tensor of its shape."""
    with (gzip.open if path.endswith(".gz") else open)(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4 : 4 + 4 * dims])
    return torch.frombuffer(bytearray(data[4 + 4 * dims :]), dtype=torch.uint8).reshape(shape)


def find_idx(root, kind, name):
    folders = [root, os.path.join(root, "raw"), os.path.join(root, TORCHVISION_FOLDERS[kind], "raw")]
    for folder in folders:
        for path in (os.path.join(folder, name), os.path.join(folder, name + ".gz")):
            if os.path.isfile(path):
                return path
    raise DatasetError(f"{kind}: {name}[.gz] is in none of {', '.join(folders)}; put the IDX files there (this script downloads nothing), or use --dataset synthetic:32:10")


def load_folder(path):
    """Images of one sub-folder per class, sorted by name, as uint8 tensors (C, H, W)."""
    try:
        from PIL import Image
    except ImportError:
        raise DatasetError("reading an image folder needs Pillow (pip install pillow)")
    if not os.path.isdir(path):
        raise DatasetError(f"{path} is not a folder")
    names = sorted(d for d in os.listdir(path) if os.path.isdir(os.path.join(path, d)))
    images, labels = [], []
    for k, name in enumerate(names):
        for file in sorted(os.listdir(os.path.join(path, name))):
            try:
                with Image.open(os.path.join(path, name, file)) as im:
                    rgb = im.convert("RGB")
                    images.append(torch.frombuffer(bytearray(rgb.tobytes()), dtype=torch.uint8).reshape(rgb.height, rgb.width, 3).permute(2, 0, 1))
                    labels.append(k)
            except OSError:
                continue  # not an image
    if len(names) < 2 or not images:
        raise DatasetError(f"{path} needs at least two sub-folders of images, one per class")
    return images, labels, names


class ImagePool(Dataset):
    """Every sample of a dataset, fitted to the model's input as Netwright's engine fits them."""

    def __init__(self, spec, data):
        self.synthetic = None
        if spec["kind"] in ("mnist", "fashion-mnist"):
            if not data:
                raise DatasetError(f"--data DIR is needed for {spec['kind']}: the directory of its IDX files (or a torchvision root); or use --dataset synthetic:32:10")
            images, labels = (read_idx(find_idx(data, spec["kind"], name)) for name in IDX)
            self.images, self.labels = images.unsqueeze(1), labels.long()
            self.title = "MNIST" if spec["kind"] == "mnist" else "Fashion-MNIST"
            self.class_names = [str(k) for k in range(10)] if spec["kind"] == "mnist" else FASHION
        elif spec["kind"] == "synthetic":
            # Netwright's own images, generated from their index when read: a 224×224 dataset costs no memory.
            c, h, w, k = spec["channels"], spec["height"], spec["width"], spec["classes"]
            self.synthetic = (h, w, k, c)
            self.labels = torch.arange(k * SYNTHETIC_PER_CLASS) % k
            self.title = f"synthetic {h}×{w}×{c}, {k} classes"
            self.class_names = [synthetic_class_name(i) for i in range(k)]
        else:
            self.images, labels, self.class_names = load_folder(spec["path"])
            self.labels = torch.tensor(labels)
            self.title = f"folder {spec['path']}"
        if len(self.class_names) > CLASSES:
            raise DatasetError(f"{self.title} has {len(self.class_names)} classes but the model gives {CLASSES} outputs")

    def __len__(self):
        return len(self.labels)

    def raw(self, i):
        if self.synthetic:
            return synthetic_image(i, *self.synthetic)
        return self.images[i]

    def __getitem__(self, i):
        return fit(self.raw(i)), self.labels[i]


def fit(image):
    """Channels converted (grey copied, RGB averaged, alpha dropped), then padded with black when a little smaller, else resized."""
    c, h, w = INPUT
    if image.shape[0] != c:
        if image.shape[0] == 1:
            image = image.expand(c, -1, -1)
        elif c == 1:
            image = (image[:3].float() * torch.tensor([0.299, 0.587, 0.114]).view(3, 1, 1)).sum(0, keepdim=True).round().to(torch.uint8)
        else:
            image = torch.cat([image[:3], torch.full((c - 3, *image.shape[1:]), 255, dtype=torch.uint8)])[:c]
    ih, iw = image.shape[1:]
    if (ih, iw) == (h, w):
        return image
    if ih <= h and iw <= w and h - ih <= ih / 4 and w - iw <= iw / 4:
        top, left = (h - ih) // 2, (w - iw) // 2
        return F.pad(image, (left, w - iw - left, top, h - ih - top))
    resized = F.interpolate(image[None].float(), size=(h, w), mode="bilinear", align_corners=False)
    return resized[0].round().clamp(0, 255).to(torch.uint8)


class Part(Dataset):
    """Some samples of a pool, read a whole batch at a time: indexed by a list of indices (see batches())."""

    def __init__(self, pool, indices):
        self.pool, self.indices = pool, indices

    def __len__(self):
        return len(self.indices)

    def __getitem__(self, batch):
        return torch.stack([fit(self.pool.raw(self.indices[i])) for i in batch]), self.pool.labels[[self.indices[i] for i in batch]]


class Prepared(Dataset):
    """Images already split and fitted by Netwright (uint8, N×C×H×W in memory): a batch is one gather."""

    def __init__(self, images, labels):
        self.images, self.labels = images, labels

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, batch):
        index = torch.as_tensor(batch, device=self.labels.device)
        return self.images[index], self.labels[index]


def load_prepared(folder, limit):
    """(train, validation, title, class names) from the folder Netwright wrote for a run: dataset.json and IDX files of HWC images."""
    with open(os.path.join(folder, "dataset.json"), encoding="utf-8") as f:
        info = json.load(f)
    h, w, c = info["shape"]
    if (c, h, w) != tuple(INPUT):
        raise DatasetError(f"{folder} holds {h}×{w}×{c} images but the model's input is {INPUT[1]}×{INPUT[2]}×{INPUT[0]}")
    parts = []
    for part in ("train", "val"):
        images = read_idx(os.path.join(folder, f"{part}-images-idx")).permute(0, 3, 1, 2).contiguous()
        labels = read_idx(os.path.join(folder, f"{part}-labels-idx")).long()
        parts.append(Prepared(images, labels))
    train, val = parts
    if limit and limit < len(train):
        train = Prepared(train.images[:limit], train.labels[:limit])
    if len(info["classNames"]) > CLASSES:
        raise DatasetError(f"{info['title']} has {len(info['classNames'])} classes but the model gives {CLASSES} outputs")
    return train, val, info["title"], info["classNames"]


def is_prepared(folder):
    return bool(folder) and os.path.isfile(os.path.join(folder, "dataset.json"))


def split(pool, seed, share, limit):
    """(train, validation): the engine's seeded shuffle, the last share held out; limit keeps the first training ones."""
    order = seeded_permutation(len(pool), seed)
    val = min(len(pool) - 1, max(1, round(len(pool) * share)))
    train = order[: len(pool) - val]
    return Part(pool, train[:limit] if limit else train), Part(pool, order[len(pool) - val :])


def channel_stats(train, how):
    """Per-channel mean and deviation of pixels / 255 over the first 2,000 training images, or 0 and 1."""
    c = INPUT[0]
    if how != "standardize":
        return torch.zeros(c), torch.ones(c)
    x = train[list(range(min(len(train), 2000)))][0].float().div_(255)
    return x.mean((0, 2, 3)), x.std((0, 2, 3)).clamp_min(1e-3)


def augment(x, flip, crop):
    """Mirror half the images; shift each by up to crop pixels within a black border."""
    if flip:
        x = torch.where(torch.rand(len(x), 1, 1, 1, device=x.device) < 0.5, x.flip(3), x)
    if crop:
        h, w = x.shape[2:]
        padded = F.pad(x, (crop, crop, crop, crop))
        shifts = torch.randint(0, 2 * crop + 1, (len(x), 2)).tolist()
        x = torch.stack([padded[i, :, dy : dy + h, dx : dx + w] for i, (dy, dx) in enumerate(shifts)])
    return x`.split('\n');

/** Names it defines, which a generated class must not take. */
export const TRAIN_DATA_NAMES = [...TRAIN_SYNTHETIC_NAMES, 'FASHION', 'SYNTHETIC_PER_CLASS', 'IDX', 'TORCHVISION_FOLDERS', 'DatasetError', 'ImagePool', 'Dataset', 'Part', 'Prepared', 'BatchSampler', 'RandomSampler', 'SequentialSampler'];

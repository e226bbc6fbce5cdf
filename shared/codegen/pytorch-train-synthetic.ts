/**
 * Netwright's synthetic images in the generated train.py, bit for bit the engine's
 * (node/engine/data/synthetic.ts): each image drawn from its index with the same mulberry32
 * stream (vectorised: its n-th number is a pure function of seed + n), the same shapes, textures,
 * colours and noise in the same float64 arithmetic; and the engine's seeded split (a
 * Fisher–Yates shuffle on the same stream). So a standalone `--dataset synthetic:…` run sees the
 * engine's samples too, not just the torch engine's runs (which get them prepared by Node).
 */
export const TRAIN_SYNTHETIC = String.raw`SHAPES = ("disc", "square", "triangle", "ring", "cross")
TEXTURES = ("solid", "stripes across", "stripes down", "checks")
M32 = 0xFFFFFFFF


def imul(a, b):
    """Math.imul on unsigned 32-bit int64 tensors or ints: the low 32 bits of the product, without int64 overflow."""
    return (a * (b & 0xFFFF) + (((a * (b >> 16)) & 0xFFFF) << 16)) & M32


def mulberry32(seed, n):
    """Numbers 1 … n of the mulberry32 stream of seed (Netwright's seededRandom), as float64 in [0, 1)."""
    a = (seed + torch.arange(1, n + 1, dtype=torch.int64) * 0x6D2B79F5) & M32
    t = imul(a ^ (a >> 15), a | 1)
    t = ((t + imul(t ^ (t >> 7), t | 61)) & M32) ^ t
    return (t ^ (t >> 14)).double() / 4294967296


def seeded_permutation(n, seed):
    """The engine's permutation(n, seededRandom(seed)): Fisher–Yates from the end."""
    order = list(range(n))
    draws = mulberry32(seed & M32, max(n - 1, 0)).tolist()
    for k, i in enumerate(range(n - 1, 0, -1)):
        j = math.floor(draws[k] * (i + 1))
        order[i], order[j] = order[j], order[i]
    return order


def synthetic_class_name(k):
    fine = k // (len(SHAPES) * len(TEXTURES))
    return f"{SHAPES[k % len(SHAPES)]}, {TEXTURES[(k // len(SHAPES)) % len(TEXTURES)]}" + (f" ×{fine + 1}" if fine > 0 else "")


def inside(shape, u, v):
    if shape == "disc":
        return u * u + v * v <= 1
    if shape == "square":
        return (u.abs() <= 0.8) & (v.abs() <= 0.8)
    if shape == "triangle":
        return (v <= 0.8) & (v >= -1 + 2 * u.abs() * 0.9)
    if shape == "ring":
        r = u * u + v * v
        return (r <= 1) & (r >= 0.4)
    return ((u.abs() <= 0.3) & (v.abs() <= 1)) | ((v.abs() <= 0.3) & (u.abs() <= 1))


def synthetic_image(i, height, width, classes, channels):
    """Image i of synthetic:HxW:CLASSES:CHANNELS as uint8 C×H×W: a shape with a texture on a noisy background."""
    k = i % classes
    seed = imul(i + 1, 0x9E3779B1) ^ imul(classes * 131 + channels, 0x85EBCA6B) ^ ((height * 7919 + width) & M32)
    r = mulberry32(seed, 4 + 2 * channels + height * width)
    shape, texture = SHAPES[k % len(SHAPES)], TEXTURES[(k // len(SHAPES)) % len(TEXTURES)]
    period = max(2, math.floor(min(height, width) / (6 * (1 + k // (len(SHAPES) * len(TEXTURES)))) + 0.5))
    radius = min(height, width) * (0.22 + 0.12 * r[0].item())
    cy = radius + r[1].item() * (height - 2 * radius)
    cx = radius + r[2].item() * (width - 2 * radius)
    phase = math.floor(r[3].item() * period * 2)
    fg = [140 + r[4 + c].item() * 115 for c in range(channels)]
    bg = [r[4 + channels + c].item() * 70 for c in range(channels)]
    noise = ((r[4 + 2 * channels :] - 0.5) * 40).view(height, width)
    y = torch.arange(height, dtype=torch.float64).view(-1, 1)
    x = torch.arange(width, dtype=torch.float64).view(1, -1)
    on = inside(shape, (x - cx) / radius, (y - cy) / radius)
    a = torch.div(y.long() + phase, period, rounding_mode="floor") % 2
    b = torch.div(x.long() + phase, period, rounding_mode="floor") % 2
    bright = {"solid": torch.ones_like(on), "stripes across": (a == 0).expand_as(on), "stripes down": (b == 0).expand_as(on)}.get(texture, (a ^ b) == 0)
    scale = torch.where(bright, torch.tensor(1.0, dtype=torch.float64), torch.tensor(0.35, dtype=torch.float64))
    planes = [torch.where(on, fg[c] * scale + noise * 0.5, bg[c] + noise) for c in range(channels)]
    return torch.stack(planes).clamp(0, 255).floor().to(torch.uint8)`.split('\n');

/** Names it defines, which a generated class must not take. */
export const TRAIN_SYNTHETIC_NAMES = ['SHAPES', 'TEXTURES', 'M32'];

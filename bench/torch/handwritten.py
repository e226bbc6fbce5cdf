"""The training loop the hand-written benchmark models share, written as one would by hand.

It reads the dataset folder Netwright prepares for a torch-engine run (dataset.json and IDX files
of HWC uint8 images, already split and fitted), so both sides train on the very same samples,
then trains with plain SGD with momentum on pixels / 255 and prints one JSON line:
{"samplesPerSecond": …, "valAcc": …}. Samples per second count training time only (not start-up
or validation), as the torch engine's "done" event does.
"""
import argparse
import json
import os
import time

import torch
import torch.nn.functional as F


def read_idx(path):
    with open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i : 8 + 4 * i], "big") for i in range(dims)]
    return torch.frombuffer(bytearray(data[4 + 4 * dims :]), dtype=torch.uint8).reshape(shape)


def load(folder, part):
    images = read_idx(os.path.join(folder, f"{part}-images-idx")).permute(0, 3, 1, 2).contiguous()
    return images, read_idx(os.path.join(folder, f"{part}-labels-idx")).long()


@torch.no_grad()
def accuracy(model, images, labels, batch_size, device):
    model.eval()
    correct = 0
    for i in range(0, len(labels), batch_size):
        x = images[i : i + batch_size].to(device).float().div_(255)
        correct += (model(x).argmax(1) == labels[i : i + batch_size].to(device)).sum().item()
    return correct / len(labels)


def main(make_model):
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--epochs", type=int, default=1)
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--lr", type=float, default=0.05)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--limit", type=int)
    p.add_argument("--cpu", action="store_true")
    args = p.parse_args()
    torch.manual_seed(args.seed)
    device = torch.device("cuda" if torch.cuda.is_available() and not args.cpu else "cpu")
    train_x, train_y = load(args.data, "train")
    if args.limit:
        train_x, train_y = train_x[: args.limit], train_y[: args.limit]
    val_x, val_y = load(args.data, "val")
    model = make_model().to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9)
    seconds = 0.0
    for _ in range(args.epochs):
        model.train()
        order = torch.randperm(len(train_y))
        began = time.perf_counter()
        for i in range(0, len(order), args.batch_size):
            batch = order[i : i + args.batch_size]
            x = train_x[batch].to(device, non_blocking=True).float().div_(255)
            y = train_y[batch].to(device, non_blocking=True)
            loss = F.cross_entropy(model(x), y)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
        if device.type == "cuda":
            torch.cuda.synchronize()
        seconds += time.perf_counter() - began
    val_acc = accuracy(model, val_x, val_y, 256, device)
    print(json.dumps({"samplesPerSecond": len(train_y) * args.epochs / seconds, "valAcc": val_acc, "device": device.type}))

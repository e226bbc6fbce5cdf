"""LeNet-5 written by hand (the lecture's: tanh, average pooling, 28×28 digits padded by 2 in C1)."""
from torch import nn

from handwritten import main


class LeNet5(nn.Module):
    def __init__(self, classes=10):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 6, 5, padding=2), nn.Tanh(), nn.AvgPool2d(2),
            nn.Conv2d(6, 16, 5), nn.Tanh(), nn.AvgPool2d(2),
        )
        self.classifier = nn.Sequential(
            nn.Flatten(),
            nn.Linear(16 * 5 * 5, 120), nn.Tanh(),
            nn.Linear(120, 84), nn.Tanh(),
            nn.Linear(84, classes),  # logits: cross_entropy applies the softmax
        )

    def forward(self, x):
        return self.classifier(self.features(x))


if __name__ == "__main__":
    main(LeNet5)

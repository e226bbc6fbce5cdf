/** Python helper classes that generated PyTorch modules include when they need them. */

/** TensorFlow's "same" padding worked out per input, for windows whose size or stride is a block parameter. */
export const SAME_PAD_2D = [
  'class SamePad2d(nn.Module):',
  '    """TensorFlow\'s "same" padding for a sliding window: the odd pixel goes to the bottom and right."""',
  '',
  '    def __init__(self, kernel_size, stride, dilation=1, value=0.0):',
  '        super().__init__()',
  '        pair = lambda v: tuple(v) if isinstance(v, (tuple, list)) else (v, v)',
  '        self.kernel_size, self.stride, self.dilation = pair(kernel_size), pair(stride), pair(dilation)',
  '        self.value = value',
  '',
  '    def forward(self, x):',
  '        pads = []',
  '        # F.pad takes the last dimension first: (left, right, top, bottom).',
  '        for n, k, s, d in zip(x.shape[:1:-1], self.kernel_size[::-1], self.stride[::-1], self.dilation[::-1]):',
  '            total = max((math.ceil(n / s) - 1) * s + (k - 1) * d + 1 - n, 0)',
  '            pads += [total // 2, total - total // 2]',
  '        return F.pad(x, pads, value=self.value)',
];

/** Option A's shortcut (He et al. 2015): subsample, then zero channels; no weights. */
export const ZERO_PAD_CHANNELS = [
  'class ZeroPadChannels(nn.Module):',
  '    """x[:, :, ::stride, ::stride] with channels of zeros appended up to `channels`: the ResNet paper\'s option A."""',
  '',
  '    def __init__(self, channels, stride=1):',
  '        super().__init__()',
  '        self.channels, self.stride = channels, stride',
  '',
  '    def forward(self, x):',
  '        x = x[:, :, :: self.stride, :: self.stride]',
  '        # F.pad takes the last dimension first: (left, right, top, bottom, front, back).',
  '        return F.pad(x, (0, 0, 0, 0, 0, self.channels - x.size(1)))',
  '',
  '    def extra_repr(self):',
  '        return f"{self.channels}, stride={self.stride}"',
];

/** The helper classes by name, in the order a file gives them, and the imports each needs. */
export const TORCH_HELPERS = {
  SamePad2d: { lines: SAME_PAD_2D, imports: ['math', 'torch.nn.functional as F'] },
  ZeroPadChannels: { lines: ZERO_PAD_CHANNELS, imports: ['torch.nn.functional as F'] },
} as const;

export type TorchHelper = keyof typeof TORCH_HELPERS;

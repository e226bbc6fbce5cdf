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

/** How each category of layer is named and coloured, on the canvas and in exported figures. */
import type { Category } from './types';

export const CATEGORIES: Readonly<Record<Category, { title: string; color: string }>> = {
  input: { title: 'Input', color: '#2f9e6e' },
  convolution: { title: 'Convolution', color: '#4f5bd5' },
  pooling: { title: 'Pooling', color: '#0e8fb3' },
  normalization: { title: 'Normalization', color: '#7a6bd0' },
  dense: { title: 'Dense', color: '#b8621b' },
  activation: { title: 'Activation', color: '#c0398a' },
  merge: { title: 'Merge', color: '#6d8a1f' },
  reshape: { title: 'Reshape', color: '#6b7280' },
  block: { title: 'Blocks', color: '#8a8f99' },
};

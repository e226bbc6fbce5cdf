/**
 * The same comparison on the threaded wasm build (wasm-threads.ts), whose convolutions and matrix
 * products split their work over two threads.
 */
import { describeKindGradients } from './kindGradients';

describeKindGradients(2);

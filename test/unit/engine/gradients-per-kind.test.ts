/** Every layer kind trains on wasm (one thread) as on cpu: see kindGradients.ts. */
import { describeKindGradients } from './kindGradients';

describeKindGradients(1);

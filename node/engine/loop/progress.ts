/**
 * How long the rest of a run will take: training time from the speed measured so far (time
 * spent paused or validating excluded), validation from its own measured speed — before the
 * first validation, assumed 3× the training speed (a forward pass without the backward one).
 */
export class EtaClock {
  private trainSeconds = 0;
  private trainSamples = 0;
  private valSeconds = 0;
  private valSamples = 0;

  constructor(
    private readonly totalTrain: number,
    private readonly valPerEpoch: number,
    private readonly epochs: number,
  ) {}

  /** Count a training batch: `clock.trained(32, 0.05)`. */
  trained(samples: number, seconds: number): void {
    this.trainSamples += samples;
    this.trainSeconds += seconds;
  }

  /** Count a validation pass. */
  validated(samples: number, seconds: number): void {
    this.valSamples += samples;
    this.valSeconds += seconds;
  }

  /** Training samples per second so far. */
  get speed(): number {
    return this.trainSamples / Math.max(this.trainSeconds, 1e-9);
  }

  /** Seconds left after `epochsValidated` validation passes. */
  remaining(epochsValidated: number): number {
    if (this.trainSamples === 0) return NaN;
    const trainLeft = Math.max(this.totalTrain - this.trainSamples, 0) / this.speed;
    const valSpeed = this.valSamples > 0 ? this.valSamples / Math.max(this.valSeconds, 1e-9) : 3 * this.speed;
    return trainLeft + (Math.max(this.epochs - epochsValidated, 0) * this.valPerEpoch) / valSpeed;
  }
}

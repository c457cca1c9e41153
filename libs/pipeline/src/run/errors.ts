/** A pipeline step failed for one dataset; `code` is stable and machine-readable. */
export class PipelineError extends Error {
  readonly code: string;
  readonly dataset: string;

  constructor(code: string, dataset: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PipelineError';
    this.code = code;
    this.dataset = dataset;
  }
}

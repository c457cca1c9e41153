/** A dashboard that cannot be built as asked; `code` is stable, the message says what to do. */
export class DashboardError extends Error {
  constructor(
    readonly code: 'unknown_snapshot' | 'invalid_date' | 'empty_lake',
    message: string,
  ) {
    super(message);
    this.name = 'DashboardError';
  }
}

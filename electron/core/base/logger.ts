// Where the core reports what the operator does not see: each shell gives its own.
export interface Logger {
  error(message: string, context?: Record<string, unknown>): void;
  info(message: string, context?: Record<string, unknown>): void;
}

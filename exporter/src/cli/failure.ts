/** One readable text for a failure at start-up, whatever threw it. */
export function describeFailure(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

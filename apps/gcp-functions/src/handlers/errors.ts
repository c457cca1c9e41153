/** `{ error: code, message }` of any thrown value, for responses and logs. */
export function errorBody(error: unknown): { error: string; message: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return {
    error: typeof code === 'string' ? code : 'internal',
    message: error instanceof Error ? error.message : String(error),
  };
}

/** Pipeline failures that another attempt will not fix (bad data, drift), by stable code. */
export function isPermanent(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' && /drift|not_data|invalid|reconcil|unknown|schema|missing/.test(code)
  );
}

import type { ApiResponse } from './api-types.ts';

/** Stable error codes of the API, with their HTTP status. */
export const API_ERRORS = {
  invalid_json: 400,
  invalid_path: 400,
  invalid_record: 400,
  too_many_records: 400,
  missing_token: 401,
  bad_token: 403,
  not_found: 404,
  unknown_dataset: 404,
  unknown_key: 404,
  method_not_allowed: 405,
  body_too_large: 413,
  unsupported_media_type: 415,
  ingest_failed: 500,
  internal_error: 500,
} as const;
export type ApiErrorCode = keyof typeof API_ERRORS;

/** An API failure: a stable code, a message naming the bad value and what to do, and details. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: number;
  readonly details: Readonly<Record<string, unknown>>;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    code: ApiErrorCode,
    message: string,
    details: Readonly<Record<string, unknown>> = {},
    headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = API_ERRORS[code];
    this.details = details;
    this.headers = headers;
  }
}

/** A JSON response. */
export function jsonResponse(
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): ApiResponse {
  return {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...headers,
    },
    body: JSON.stringify(body),
  };
}

/** The JSON answer of an error: `{ error: code, message, ...details }`. */
export function errorResponse(error: ApiError): ApiResponse {
  return jsonResponse(
    error.status,
    { error: error.code, message: error.message, ...error.details },
    error.headers,
  );
}

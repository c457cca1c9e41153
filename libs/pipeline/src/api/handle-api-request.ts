import { DATASET_IDS, type DatasetDefinition, type DatasetId, type EventValue } from '@matriz/core';
import type { z } from 'zod';

import { identify, partitionKeyOf } from '../changes/event-id.ts';
import { systemClock } from '../ports/clock.ts';
import { ApiError, errorResponse, jsonResponse } from './api-error.ts';
import {
  DEFAULT_API_LIMITS,
  type ApiDeps,
  type ApiRequest,
  type ApiResponse,
} from './api-types.ts';
import { requireBearer } from './bearer-auth.ts';
import { recordKey, recordsBodySchema } from './record-schema.ts';

type Route = {
  readonly method: 'GET' | 'POST';
  readonly pattern: RegExp;
  readonly write: boolean;
  readonly run: (params: string[], request: ApiRequest, deps: ApiDeps) => Promise<ApiResponse>;
};

const ROUTES: readonly Route[] = [
  {
    method: 'GET',
    pattern: /^\/health$/,
    write: false,
    run: async () => jsonResponse(200, { status: 'ok' }),
  },
  {
    method: 'GET',
    pattern: /^\/datasets$/,
    write: false,
    run: async (_p, _r, deps) => jsonResponse(200, await deps.datasets()),
  },
  {
    method: 'GET',
    pattern: /^\/quality$/,
    write: false,
    run: async (_p, _r, deps) => jsonResponse(200, await deps.quality()),
  },
  { method: 'GET', pattern: /^\/plants\/([^/]+)\/(.+)$/, write: false, run: getPlant },
  { method: 'POST', pattern: /^\/ingest\/([^/]+)$/, write: true, run: postIngest },
  { method: 'POST', pattern: /^\/records\/([^/]+)$/, write: true, run: postRecords },
];

/**
 * The ingestion and read API, independent of any HTTP framework: `matriz serve` (node:http), API
 * Gateway (Lambda) and Cloud Functions translate their request into an {@link ApiRequest} and
 * write back the {@link ApiResponse}.
 *
 * Routes: `GET /health`, `GET /datasets`, `GET /quality`, `GET /plants/{dataset}/{key}`, and,
 * with `Authorization: Bearer <token>`, `POST /ingest/{dataset}` and `POST /records/{dataset}`.
 * Failures answer `{ error: code, message, ... }` with the code's status (see `API_ERRORS`).
 */
export async function handleApiRequest(request: ApiRequest, deps: ApiDeps): Promise<ApiResponse> {
  try {
    const path = request.path.length > 1 ? request.path.replace(/\/+$/, '') : request.path;
    const matching = ROUTES.map((route) => ({ route, match: route.pattern.exec(path) })).filter(
      (m) => m.match !== null,
    );
    if (matching.length === 0) {
      throw new ApiError(
        'not_found',
        `No route for \`${path}\`; see GET /health, /datasets, /quality, /plants/{dataset}/{key}.`,
      );
    }
    const method = request.method.toUpperCase();
    const hit = matching.find(
      (m) => m.route.method === method || (method === 'HEAD' && m.route.method === 'GET'),
    );
    if (!hit) {
      const allowed = [...new Set(matching.map((m) => m.route.method))].join(', ');
      throw new ApiError(
        'method_not_allowed',
        `Method \`${method}\` is not allowed on \`${path}\`; use ${allowed}.`,
        {},
        { allow: allowed },
      );
    }
    if (hit.route.write) requireBearer(header(request, 'authorization'), deps.token);
    const params = hit.match!.slice(1).map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        throw new ApiError(
          'invalid_path',
          `Path segment \`${p}\` is not valid percent-encoding; encode the key with encodeURIComponent.`,
        );
      }
    });
    return await hit.route.run(params, request, deps);
  } catch (error) {
    if (error instanceof ApiError) return errorResponse(error);
    return errorResponse(
      new ApiError(
        'internal_error',
        `Unexpected failure: ${(error as Error).message ?? String(error)}. Check the server log.`,
      ),
    );
  }
}

function header(request: ApiRequest, name: string): string | undefined {
  for (const [k, v] of Object.entries(request.headers)) {
    if (k.toLowerCase() === name) return Array.isArray(v) ? v[0] : v;
  }
  return undefined;
}

function datasetOf(id: string, deps: ApiDeps): DatasetDefinition {
  const def = (DATASET_IDS as readonly string[]).includes(id)
    ? deps.dataset(id as DatasetId)
    : undefined;
  if (!def) {
    throw new ApiError(
      'unknown_dataset',
      `Unknown dataset \`${id}\`; use one of ${DATASET_IDS.join(', ')}.`,
      { dataset: id },
    );
  }
  return def;
}

async function getPlant(
  [dataset, key]: string[],
  _request: ApiRequest,
  deps: ApiDeps,
): Promise<ApiResponse> {
  const def = datasetOf(dataset!, deps);
  const [latest, history] = await Promise.all([
    deps.state.latest(def.id, key!),
    deps.state.history(def.id, key!),
  ]);
  if (!latest && history.length === 0) {
    throw new ApiError(
      'unknown_key',
      `No state for key \`${key}\` of dataset \`${def.id}\`; check the key (values joined by \`|\`).`,
      {
        dataset: def.id,
        key,
      },
    );
  }
  return jsonResponse(200, { dataset: def.id, key, latest: latest ?? null, history });
}

async function postIngest(
  [dataset]: string[],
  _request: ApiRequest,
  deps: ApiDeps,
): Promise<ApiResponse> {
  const def = datasetOf(dataset!, deps);
  try {
    return jsonResponse(200, { dataset: def.id, result: (await deps.ingest(def.id)) ?? null });
  } catch (error) {
    throw new ApiError(
      'ingest_failed',
      `Ingestion of \`${def.id}\` failed: ${(error as Error).message}. See the run log.`,
      {
        dataset: def.id,
      },
    );
  }
}

async function postRecords(
  [dataset]: string[],
  request: ApiRequest,
  deps: ApiDeps,
): Promise<ApiResponse> {
  const def = datasetOf(dataset!, deps);
  const limits = { ...DEFAULT_API_LIMITS, ...deps.limits };

  const type = header(request, 'content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new ApiError(
      'unsupported_media_type',
      `Content type \`${type}\` is not accepted; send \`application/json\`.`,
    );
  }
  if (request.body.byteLength > limits.maxBodyBytes) {
    throw new ApiError(
      'body_too_large',
      `Body of ${request.body.byteLength} bytes exceeds \`${limits.maxBodyBytes}\`; split the records into smaller requests.`,
      {
        limit_bytes: limits.maxBodyBytes,
      },
    );
  }

  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(request.body));
  } catch (error) {
    throw new ApiError(
      'invalid_json',
      `Body is not UTF-8 JSON (${(error as Error).message}); send \`{"records": [...]}\`.`,
    );
  }
  const records = (json as { records?: unknown } | null)?.records;
  if (Array.isArray(records) && records.length > limits.maxRecords) {
    throw new ApiError(
      'too_many_records',
      `\`${records.length}\` records exceed the limit of ${limits.maxRecords} per request; split them.`,
      {
        limit_records: limits.maxRecords,
      },
    );
  }
  const parsed = recordsBodySchema(def, limits.maxRecords).safeParse(json);
  if (!parsed.success) throw invalidRecord(parsed.error, json);

  const snapshot =
    parsed.data.snapshot ?? (deps.clock ?? systemClock).now().toISOString().slice(0, 10);
  const events = parsed.data.records.map((raw) => {
    const record: Record<string, EventValue> = {};
    for (const [k, v] of Object.entries(raw)) if (v !== undefined) record[k] = v;
    return identify({
      dataset: def.id,
      key: recordKey(def, record),
      kind: 'upserted',
      from_snapshot: null,
      to_snapshot: snapshot,
      changes: Object.entries(record).map(([field, value]) => ({ field, old: null, new: value })),
      record,
      source: 'api',
    });
  });
  const { sequences } = await deps.producer.publish(
    events.map((e) => ({ partitionKey: partitionKeyOf(e), data: JSON.stringify(e) })),
  );
  return jsonResponse(202, {
    dataset: def.id,
    accepted: events.length,
    events: events.map((e, i) => ({
      event_id: e.event_id,
      key: e.key,
      sequence: sequences[i] ?? null,
    })),
  });
}

function invalidRecord(error: z.ZodError, body: unknown): ApiError {
  const issues = error.issues.map((issue) => {
    const value = issue.path.reduce<unknown>(
      (node, part) =>
        node !== null && typeof node === 'object'
          ? (node as Record<PropertyKey, unknown>)[part]
          : undefined,
      body,
    );
    return {
      path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      message: issue.message,
      value: value ?? null,
    };
  });
  const first = issues[0];
  const where = first ? first.path.join('.') : '(body)';
  return new ApiError(
    'invalid_record',
    `Field \`${where}\` is invalid: ${first?.message ?? 'unknown'}; fix it and resend.`,
    { issues },
  );
}

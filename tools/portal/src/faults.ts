/**
 * Failure modes the portal can play, per package, for tests:
 * - `html`: 200 with an HTML maintenance page instead of the data (field case C7);
 * - `empty`: 200 with a 0-byte body (C7);
 * - `status:<code>`: that HTTP status (429, 500, 503...), with `Retry-After` on 429 and 5xx;
 * - `slow`: wait `delayMs` (default 5 s) before answering normally, beyond a client's timeout;
 * - `truncate`: announce the full `Content-Length`, send about half the body, close the socket.
 */
export type FaultKind = 'html' | 'empty' | 'slow' | 'truncate' | `status:${number}`;

/** Which requests of a package a fault applies to. */
export type FaultTarget = 'any' | 'package_show' | 'download' | 'datastore';

/** Options of one armed fault. */
export interface FaultOptions {
  /** Requests it applies to (default `any`). */
  readonly on?: FaultTarget;
  /** `Retry-After` header value for `status:` faults (default `1`, in seconds). */
  readonly retryAfter?: string;
  /** Delay of a `slow` fault, in ms (default 5000). */
  readonly delayMs?: number;
}

/** A fault taken for one request. */
export interface ActiveFault {
  readonly kind: FaultKind;
  readonly retryAfter: string;
  readonly delayMs: number;
}

interface Armed extends ActiveFault {
  readonly on: FaultTarget;
  remaining: number;
}

/** Armed faults of a running portal (`portal.faults`). */
export class FaultInjector {
  readonly #armed = new Map<string, Armed[]>();

  /**
   * Arms `kind` for the next `times` matching requests of package `pkg` (default once). Several
   * faults on one package play in the order they were set.
   */
  set(pkg: string, kind: FaultKind, times = 1, options: FaultOptions = {}): void {
    if (!/^(html|empty|slow|truncate|status:\d{3})$/.test(kind)) {
      throw new Error(
        `Unknown fault \`${kind}\`; use html, empty, slow, truncate or status:<code>.`,
      );
    }
    const list = this.#armed.get(pkg) ?? [];
    list.push({
      kind,
      remaining: times,
      on: options.on ?? 'any',
      retryAfter: options.retryAfter ?? '1',
      delayMs: options.delayMs ?? 5000,
    });
    this.#armed.set(pkg, list);
  }

  /** Disarms every fault of a package, or of every package when none is given. */
  clear(pkg?: string): void {
    if (pkg === undefined) this.#armed.clear();
    else this.#armed.delete(pkg);
  }

  /** How many fault plays are still armed for a package. */
  pending(pkg: string): number {
    return (this.#armed.get(pkg) ?? []).reduce((n, f) => n + f.remaining, 0);
  }

  /** Consumes one play of the first fault matching this request, if any. */
  take(pkg: string, target: Exclude<FaultTarget, 'any'>): ActiveFault | undefined {
    const list = this.#armed.get(pkg);
    const fault = list?.find((f) => f.remaining > 0 && (f.on === 'any' || f.on === target));
    if (!list || !fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining === 0) list.splice(list.indexOf(fault), 1);
    return { kind: fault.kind, retryAfter: fault.retryAfter, delayMs: fault.delayMs };
  }
}

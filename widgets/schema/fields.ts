import type { Result } from './validate.js';

/**
 * The field checkers schemas build their readers from: each adds a path-based problem for a
 * field it refuses (`Problems`), so a reader can drop one bad event, or one bad entry, and
 * say why. Apart from validate.ts's predicates because only some readers need them: a page
 * whose first load reads no such schema does not carry them.
 */
export class Problems {
  readonly errors: string[] = [];
  add(path: string, message: string): void {
    this.errors.push(`${path || '(content)'}: ${message}`);
  }
}

/** A string, trimmed, within `max` characters; undefined (with a problem) otherwise. */
export function str(
  p: Problems,
  obj: Record<string, unknown>,
  key: string,
  opts: { required?: boolean; max?: number; path?: string } = {},
): string | undefined {
  const path = `${opts.path ? opts.path + '.' : ''}${key}`;
  const v = obj[key];
  if (v === undefined || v === null) {
    if (opts.required) p.add(path, 'is required');
    return undefined;
  }
  if (typeof v !== 'string') {
    p.add(path, `expected a string, got ${typeof v}`);
    return undefined;
  }
  const max = opts.max ?? 10_000;
  if (v.length > max) {
    p.add(path, `longer than ${max} characters`);
    return undefined;
  }
  return v;
}

export function bool(p: Problems, obj: Record<string, unknown>, key: string, path = ''): boolean | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') {
    p.add(`${path ? path + '.' : ''}${key}`, `expected true or false, got ${typeof v}`);
    return undefined;
  }
  return v;
}

export function int(
  p: Problems,
  obj: Record<string, unknown>,
  key: string,
  opts: { required?: boolean; min?: number; max?: number; path?: string } = {},
): number | undefined {
  const path = `${opts.path ? opts.path + '.' : ''}${key}`;
  const v = obj[key];
  if (v === undefined || v === null) {
    if (opts.required) p.add(path, 'is required');
    return undefined;
  }
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    p.add(path, 'expected an integer');
    return undefined;
  }
  if ((opts.min !== undefined && v < opts.min) || (opts.max !== undefined && v > opts.max)) {
    p.add(path, `out of range ${opts.min ?? '-∞'}…${opts.max ?? '∞'}`);
    return undefined;
  }
  return v;
}

/** An ISO 8601 date-time with a zone (Z or ±hh:mm), returned normalised to UTC ISO. */
export function isoTime(p: Problems, obj: Record<string, unknown>, key: string, path = ''): string | undefined {
  const s = str(p, obj, key, { max: 64, path });
  if (s === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s) || Number.isNaN(Date.parse(s))) {
    p.add(`${path ? path + '.' : ''}${key}`, 'expected an ISO 8601 time with a zone, e.g. 2021-02-06T10:30:00Z');
    return undefined;
  }
  return new Date(s).toISOString();
}

export function oneOf<T extends string>(
  p: Problems,
  obj: Record<string, unknown>,
  key: string,
  allowed: readonly T[],
  path = '',
): T | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    p.add(`${path ? path + '.' : ''}${key}`, `expected one of ${allowed.join(', ')}`);
    return undefined;
  }
  return v as T;
}

export function finish<T>(p: Problems, value: T): Result<T> {
  return p.errors.length ? { ok: false, errors: p.errors } : { ok: true, value };
}

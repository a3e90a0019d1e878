/** Values whose JSON text is longer than this are kept as they are; only their smaller parts are shared. */
const SHARED_MAX_LENGTH = 120;

/**
 * The same summary with equal small values (a `{ param: [0, 1] }`, a `{ members: {} }`, a name) stored once: a
 * file's summary repeats the same values in its calls, edges and accesses, and every copy would stay in memory for
 * as long as the project graph lives. Sharing is only within one summary, because the graph's value resolver caches
 * what a value evaluates to per value object and reads a value relative to its own file. The summary is modified in
 * place and must not be modified afterwards (summaries never are).
 */
export function shareEqualValues<T>(summary: T): T {
  return share(summary, new Map()).value as T;
}

interface Shared {
  readonly value: unknown;
  /** The value's JSON text, or null when it is too long to share. */
  readonly key: string | null;
}

function share(value: unknown, seen: Map<string, unknown>): Shared {
  if (value === null || typeof value !== 'object') {
    const key = JSON.stringify(value);
    if (typeof value !== 'string' || key.length > SHARED_MAX_LENGTH) return { value, key };
    return remember(key, value, seen);
  }
  const parts: string[] = [];
  let small = true;
  if (Array.isArray(value)) {
    const list = value as unknown[];
    for (let index = 0; index < list.length; index += 1) {
      const child = share(list[index], seen);
      list[index] = child.value;
      if (child.key === null) small = false;
      else if (small) parts.push(child.key);
    }
  } else {
    const record = value as Record<string, unknown>;
    for (const name of Object.keys(record)) {
      const child = share(record[name], seen);
      record[name] = child.value;
      if (child.key === null) small = false;
      else if (small) parts.push(`${JSON.stringify(name)}:${child.key}`);
    }
  }
  const key = Array.isArray(value) ? `[${parts.join(',')}]` : `{${parts.join(',')}}`;
  if (!small || key.length > SHARED_MAX_LENGTH) return { value, key: null };
  return remember(key, value, seen);
}

function remember(key: string, value: unknown, seen: Map<string, unknown>): Shared {
  const known = seen.get(key);
  if (known !== undefined) return { value: known, key };
  seen.set(key, value);
  return { value, key };
}

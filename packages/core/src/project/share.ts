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
  return new Sharing().share(summary) as T;
}

/**
 * One summary's sharing. Each value gets a short key that equal values share (a number or boolean itself, else the
 * number of the first equal string or small object), so that an object's key is the list of its children's keys and
 * stays short however deep the object is. `share` returns the value to keep and leaves the value's key (`null` when
 * it is too long to share) and the length of its JSON text in `key` and `size`, which saves an object per value.
 */
class Sharing {
  /** Each distinct short string (values and property names): its first copy, kept, and its number. */
  private readonly strings = new Map<string, { readonly text: string; readonly id: number }>();
  /** Each distinct small object or array, by its key, with its number. */
  private readonly objects = new Map<string, { readonly value: unknown; readonly id: number }>();
  private key: string | null = null;
  private size = 0;

  share(value: unknown): unknown {
    if (typeof value === 'string') {
      this.size = value.length + 2;
      if (this.size > SHARED_MAX_LENGTH) {
        this.key = null;
        return value;
      }
      const known = this.intern(value);
      this.key = `s${String(known.id)}`;
      return known.text;
    }
    if (value === null || typeof value !== 'object') {
      const text = typeof value === 'number' || typeof value === 'boolean' ? String(value) : 'null';
      this.key = `p${text}`;
      this.size = text.length;
      return value;
    }
    let key = Array.isArray(value) ? '[' : '{';
    let small = true;
    let size = 2;
    if (Array.isArray(value)) {
      const list = value as unknown[];
      for (let index = 0; index < list.length; index += 1) {
        list[index] = this.share(list[index]);
        size += this.size + 1;
        if (this.key === null || size > SHARED_MAX_LENGTH) small = false;
        else if (small) key += `${this.key},`;
      }
    } else {
      const record = value as Record<string, unknown>;
      for (const name of Object.keys(record)) {
        record[name] = this.share(record[name]);
        size += name.length + 4 + this.size;
        if (this.key === null || size > SHARED_MAX_LENGTH) small = false;
        else if (small) key += `s${String(this.intern(name).id)}:${this.key},`;
      }
    }
    this.size = size;
    if (!small) {
      this.key = null;
      return value;
    }
    let known = this.objects.get(key);
    if (known === undefined) this.objects.set(key, (known = { value, id: this.objects.size }));
    this.key = `o${String(known.id)}`;
    return known.value;
  }

  /** The first copy of a string in the summary, and its number. */
  private intern(text: string): { readonly text: string; readonly id: number } {
    let known = this.strings.get(text);
    if (known === undefined) this.strings.set(text, (known = { text, id: this.strings.size }));
    return known;
  }
}

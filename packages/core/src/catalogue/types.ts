/**
 * The catalogue describes, as data, the APIs that backend-perf knows about. Rules and codemods read the
 * catalogue through the import-aware tracker (`tracker.ts`), never by matching identifier spellings.
 */

/** The catalogue section an API belongs to; the same names are the `category` of rules. */
export type Category =
  'event-loop' | 'process' | 'caching' | 'pooling' | 'http' | 'async' | 'n-plus-one' | 'memory' | 'streams';

/** How an API is used: called as a function, constructed with `new`, or merely read. */
export type Usage = 'call' | 'construct' | 'read';

export interface ApiEntry {
  /** Stable identifier, for example `fs.readFileSync`. */
  readonly id: string;
  /**
   * Module specifiers that provide the API. Node built-ins are listed once without the `node:` prefix; the tracker
   * adds the prefixed form itself.
   */
  readonly modules: readonly string[];
  /** Export path inside the module: `['readFileSync']`, `['promises', 'readFile']`, or `[]` for the module itself. */
  readonly path: readonly string[];
  /**
   * For APIs that are also globals: the path from the global object (`['gc']`, `['process', 'on']`). The tracker
   * then also finds `gc()`, `global.gc()` and `globalThis.gc()`, unless a local declaration shadows the name.
   */
  readonly globalPath?: readonly string[];
  readonly usage: Usage;
  readonly category: Category;
  /** Free-form tags that detectors use to select entries (`sync-fs`, `sync-process`, ...). */
  readonly tags: readonly string[];
}

/** A synchronous Node API and what replaces it. */
export interface SyncApiEntry extends ApiEntry {
  /** The promise-returning replacement with the same arguments and result, when one exists. */
  readonly promiseEquivalent?: {
    /** Module of the promise API (`fs/promises`). */
    readonly module: string;
    /** Export name in that module (`readFile`). */
    readonly name: string;
    /** Path of the same function below the callback module object (`['promises', 'readFile']` below `fs`). */
    readonly memberPath: readonly string[];
    /**
     * How the result maps: `same` returns the same value; `exists` stands for `existsSync`, whose promise form is
     * `access(...).then(() => true, () => false)`.
     */
    readonly result: 'same' | 'exists';
  };
  /** What to use instead when there is no drop-in promise equivalent. */
  readonly advice: string;
  /** What the call costs under load; used in messages. */
  readonly cost: string;
}

import type { ApiEntry } from './types.js';

/** A lodash (or Underscore) function that takes a collection as its first argument. */
export interface LodashCollectionEntry extends ApiEntry {
  /** The function's name: `filter`, `includes`, ... */
  readonly collection: string;
  /**
   * For the functions that call their second argument once per element: the array method they behave like
   * (`each` and `forOwn` like `forEach`, `mapValues` like `map`, `reject` like `filter`).
   */
  readonly like?: string;
  /**
   * `lodash/fp`'s form: the collection comes last (`fp.map(fn, list)`, or curried, `fp.map(fn)(list)`), after the
   * iteratee or the value searched for.
   */
  readonly dataLast?: boolean;
}

/** The modules that export every function by name, and the per-function modules of one function. */
const COLLECTION_MODULES = ['lodash', 'lodash-es', 'underscore'];
const functionModules = (name: string): string[] => [
  `lodash/${name}`,
  `lodash-es/${name}`,
  `lodash.${name.toLowerCase()}`,
];

function entries(names: Readonly<Record<string, string | null>>, tag: string): LodashCollectionEntry[] {
  return Object.entries(names).flatMap(([collection, like]) => {
    const common = {
      id: `lodash.${collection}`,
      usage: 'call' as const,
      category: 'n-plus-one' as const,
      tags: [tag],
      collection,
      ...(like ? { like } : {}),
    };
    return [
      { ...common, modules: COLLECTION_MODULES, path: [collection] },
      { ...common, modules: functionModules(collection), path: [] },
      // Found, so that `fp.filter(fn, list)` is never read as a method of a list named `fp`.
      { ...common, modules: ['lodash/fp'], path: [collection], dataLast: true },
      { ...common, modules: [`lodash/fp/${collection}`], path: [], dataLast: true },
    ];
  });
}

/**
 * lodash's collection functions whose iteratee (the second argument) runs once per element of the collection given
 * first: `_.map(rows, (row) => ...)`, `_.each(byDatabase, (names, db) => ...)`, also `import { filter } from
 * 'lodash-es'` and `require('lodash/filter')`. Each behaves like the array method it names.
 */
export const LODASH_ITERATEE_APIS: readonly LodashCollectionEntry[] = entries(
  {
    each: 'forEach',
    forEach: 'forEach',
    eachRight: 'forEach',
    forEachRight: 'forEach',
    forOwn: 'forEach',
    forIn: 'forEach',
    map: 'map',
    mapValues: 'map',
    mapKeys: 'map',
    flatMap: 'flatMap',
    flatMapDeep: 'flatMap',
    filter: 'filter',
    reject: 'filter',
    partition: 'filter',
    find: 'find',
    findLast: 'findLast',
    findIndex: 'findIndex',
    findLastIndex: 'findLastIndex',
    some: 'some',
    every: 'every',
    reduce: 'reduce',
    reduceRight: 'reduceRight',
    groupBy: 'map',
    keyBy: 'map',
    countBy: 'map',
    sortBy: 'map',
    // Underscore's (and lodash 3's) other names.
    collect: 'map',
    select: 'filter',
    detect: 'find',
    any: 'some',
    all: 'every',
    inject: 'reduce',
    foldl: 'reduce',
    foldr: 'reduceRight',
  },
  'lodash-iteratee',
);

/**
 * lodash's functions that scan their first argument on every call: for a value (`_.includes(list, value)`,
 * `_.indexOf`), for a match (`_.find(list, predicate)`, `_.some`, `_.filter`), or for the values of a second list
 * (`_.intersection(list, others)`, which reads all of `list` to answer); also Underscore's names for them
 * (`_.contains`, `_.detect`, `_.any`, `_.select`).
 */
export const LODASH_SEARCH_APIS: readonly LodashCollectionEntry[] = entries(
  {
    includes: null,
    indexOf: null,
    lastIndexOf: null,
    find: null,
    findLast: null,
    findIndex: null,
    findLastIndex: null,
    some: null,
    filter: null,
    intersection: null,
    contains: null,
    detect: null,
    any: null,
    select: null,
  },
  'lodash-search',
);

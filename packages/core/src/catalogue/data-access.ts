import type { ApiEntry } from './types.js';

// The data libraries' adapters live in `./data/` (one file per library); this module keeps the names the rest of
// core imports.
export {
  DATA_ACCESS_APIS,
  DATA_ACCESS_SHAPES,
  DATA_ADAPTERS,
  dataAdapter,
  PACKAGE_TYPE_SHAPES,
  ROW_MODELS,
  SHAPES_BY_NAME,
  CONNECTION_METHODS,
} from './data/index.js';
export type {
  BatchPlan,
  BatchSite,
  ChainInput,
  ChainReading,
  DataAccessEntry,
  DataAccessKind,
  DataAccessLibrary,
  DataAccessOperation,
  DataAdapter,
  LookupInput,
  LookupKey,
  RowModels,
  ValueShape,
} from './data/types.js';

/** The `dataloader` package's class: calls through its instances (`.load`, `.loadMany`) are batched. */
export const DATALOADER_APIS: readonly ApiEntry[] = [
  {
    id: 'dataloader',
    modules: ['dataloader'],
    path: [],
    usage: 'construct',
    category: 'n-plus-one',
    tags: ['dataloader'],
  },
  {
    id: 'dataloader.default',
    modules: ['dataloader'],
    path: ['default'],
    usage: 'construct',
    category: 'n-plus-one',
    tags: ['dataloader'],
  },
];

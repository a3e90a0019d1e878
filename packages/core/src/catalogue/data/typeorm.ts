import {
  baseClass,
  camel,
  complete,
  conditionKey,
  construct,
  COUNT,
  factory,
  fieldAccess,
  fieldKey,
  isIdentifier,
  QUERY,
  READ_MANY,
  READ_ONE,
  whereKey,
} from './shared.js';
import type { DataAdapter, ValueShape } from './types.js';

export const TYPEORM_REPOSITORY: ValueShape = {
  name: 'typeorm-repository',
  methods: { findOneBy: READ_ONE, findOne: READ_ONE, findBy: READ_MANY, find: READ_MANY, count: COUNT, countBy: COUNT },
};
/** An entity class that extends TypeORM's `BaseEntity`: the repository's reads are its static methods. */
export const TYPEORM_ENTITY: ValueShape = { ...TYPEORM_REPOSITORY, name: 'typeorm-entity' };
/** A TypeORM query builder: its builder methods return it, its `get*` methods run the query. */
const TYPEORM_QUERY_BUILDER: ValueShape = {
  name: 'typeorm-query-builder',
  methods: {
    getOne: READ_ONE,
    getOneOrFail: READ_ONE,
    getMany: READ_MANY,
    getManyAndCount: READ_MANY,
    getRawOne: READ_ONE,
    getRawMany: READ_MANY,
    getCount: COUNT,
    getExists: COUNT,
  },
};
const BUILDER_METHODS = [
  'select',
  'addSelect',
  'where',
  'andWhere',
  'orWhere',
  'whereInIds',
  'leftJoin',
  'leftJoinAndSelect',
  'innerJoin',
  'innerJoinAndSelect',
  'orderBy',
  'addOrderBy',
  'groupBy',
  'skip',
  'take',
  'limit',
  'offset',
  'setParameter',
  'setParameters',
  'setLock',
  'setOnLocked',
  'withDeleted',
  'cache',
];
complete(TYPEORM_QUERY_BUILDER, {
  returns: Object.fromEntries(BUILDER_METHODS.map((method) => [method, TYPEORM_QUERY_BUILDER])),
});
complete(TYPEORM_REPOSITORY, { returns: { createQueryBuilder: TYPEORM_QUERY_BUILDER } });
/** `dataSource.manager` and a query runner's `manager`: the entity class is the first argument of each read. */
const TYPEORM_MANAGER: ValueShape = {
  name: 'typeorm-manager',
  methods: {
    query: QUERY,
    find: READ_MANY,
    findBy: READ_MANY,
    findAndCount: READ_MANY,
    findOne: READ_ONE,
    findOneBy: READ_ONE,
    findOneOrFail: READ_ONE,
    count: COUNT,
    countBy: COUNT,
  },
  returns: { getRepository: TYPEORM_REPOSITORY, createQueryBuilder: TYPEORM_QUERY_BUILDER },
};
complete(TYPEORM_MANAGER, { callbacks: { transaction: TYPEORM_MANAGER } });
const TYPEORM_QUERY_RUNNER: ValueShape = {
  name: 'typeorm-query-runner',
  methods: { query: QUERY },
  connection: true,
  properties: { manager: TYPEORM_MANAGER },
};
const TYPEORM_DATA_SOURCE: ValueShape = {
  name: 'typeorm-data-source',
  methods: { query: QUERY },
  returns: {
    getRepository: TYPEORM_REPOSITORY,
    createQueryRunner: TYPEORM_QUERY_RUNNER,
    createQueryBuilder: TYPEORM_QUERY_BUILDER,
    initialize: { name: 'typeorm-data-source', returns: { getRepository: TYPEORM_REPOSITORY } },
  },
  properties: { manager: TYPEORM_MANAGER },
  callbacks: { transaction: TYPEORM_MANAGER },
};

/** TypeORM: `repo.findOneBy({ id })`, `repo.findOne({ where: { id } })`, batched with `findBy({ id: In(ids) })`. */
export const typeorm: DataAdapter = {
  library: 'typeorm',
  target: 'the database',
  entries: [
    baseClass('typeorm.BaseEntity', ['typeorm'], ['BaseEntity'], 'typeorm', TYPEORM_ENTITY),
    factory('typeorm.getRepository', ['typeorm'], ['getRepository'], 'typeorm', TYPEORM_REPOSITORY),
    construct('typeorm.DataSource', ['typeorm'], ['DataSource'], 'typeorm', TYPEORM_DATA_SOURCE),
  ],
  settingShapes: [TYPEORM_REPOSITORY, TYPEORM_DATA_SOURCE],
  typeShapes: {
    typeorm: {
      Repository: 'typeorm-repository',
      EntityManager: 'typeorm-manager',
      DataSource: 'typeorm-data-source',
      Connection: 'typeorm-data-source',
    },
  },
  lookupKey: ({ operation, call }) => {
    if (operation === 'findOneBy' || operation === 'findBy') return conditionKey(call);
    return operation === 'findOne' || operation === 'find' ? whereKey(call.arguments[0]) : undefined;
  },
  batch: (site) => {
    const field = site.key.field;
    if (field === null) return 'the lookup key is not known';
    return {
      batch: (keys) => `${site.receiver}.findBy({ ${fieldKey(field)}: In(${keys}) })`,
      rowKey: (row) => `String(${fieldAccess(row, field)})`,
      itemKey: (k) => `String(${k})`,
      missing: 'null',
      unique: false,
      grouped: false,
      needsImport: { module: 'typeorm', name: 'In' },
      base: isIdentifier(site.receiver) ? camel(site.receiver.replace(/(Repository|Repo)$/u, '')) : 'row',
      field,
    };
  },
};

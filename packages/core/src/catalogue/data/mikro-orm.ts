import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import {
  baseName,
  complete,
  conditionKey,
  COUNT,
  factory,
  fieldAccess,
  fieldKey,
  READ_MANY,
  READ_ONE,
  soleArgumentKey,
} from './shared.js';
import type { DataAccessOperation, DataAdapter, LookupKey, ValueShape } from './types.js';

const ENTITY_READ_ONE: DataAccessOperation = { ...READ_ONE, argument: 1 };
const ENTITY_READ_MANY: DataAccessOperation = { ...READ_MANY, argument: 1 };
const ENTITY_COUNT: DataAccessOperation = { ...COUNT, argument: 1 };

/** `em.getRepository(User)`, or a repository injected with `@InjectRepository(User)`. */
const MIKRO_REPOSITORY: ValueShape = {
  name: 'mikro-orm-repository',
  methods: {
    findOne: READ_ONE,
    findOneOrFail: READ_ONE,
    find: READ_MANY,
    findAll: READ_MANY,
    findAndCount: READ_MANY,
    count: COUNT,
  },
};
/** An entity manager: the entity class is the first argument of each read. */
const MIKRO_EM: ValueShape = {
  name: 'mikro-orm-entity-manager',
  methods: {
    findOne: ENTITY_READ_ONE,
    findOneOrFail: ENTITY_READ_ONE,
    find: ENTITY_READ_MANY,
    findAll: ENTITY_READ_MANY,
    findAndCount: ENTITY_READ_MANY,
    count: ENTITY_COUNT,
  },
};
complete(MIKRO_EM, {
  returns: { fork: MIKRO_EM, getRepository: MIKRO_REPOSITORY },
  callbacks: { transactional: MIKRO_EM },
});
const MIKRO_ORM: ValueShape = { name: 'mikro-orm', properties: { em: MIKRO_EM } };

const MODULES = [
  '@mikro-orm/core',
  '@mikro-orm/postgresql',
  '@mikro-orm/mysql',
  '@mikro-orm/mariadb',
  '@mikro-orm/sqlite',
  '@mikro-orm/better-sqlite',
  '@mikro-orm/libsql',
  '@mikro-orm/mssql',
  '@mikro-orm/mongodb',
];
const TYPES = {
  MikroORM: 'mikro-orm',
  EntityManager: 'mikro-orm-entity-manager',
  SqlEntityManager: 'mikro-orm-entity-manager',
  EntityRepository: 'mikro-orm-repository',
};

/**
 * MikroORM: `em.findOne(User, { id })`, `em.find(User, { authorId })`, `em.getRepository(User).findOne({ id })`, with
 * `orm.em.fork()` and `RequestContext.getEntityManager()`; batched with `find(User, { id: { $in: ids } })`.
 */
export const mikroOrm: DataAdapter = {
  library: 'mikro-orm',
  target: 'the database',
  entries: [
    factory('@mikro-orm/core.MikroORM.init', MODULES, ['MikroORM', 'init'], 'mikro-orm', MIKRO_ORM),
    factory('@mikro-orm/core.MikroORM.initSync', MODULES, ['MikroORM', 'initSync'], 'mikro-orm', MIKRO_ORM),
    factory(
      '@mikro-orm/core.RequestContext.getEntityManager',
      MODULES,
      ['RequestContext', 'getEntityManager'],
      'mikro-orm',
      MIKRO_EM,
    ),
  ],
  settingShapes: [MIKRO_ORM, MIKRO_EM, MIKRO_REPOSITORY],
  typeShapes: Object.fromEntries(MODULES.map((module) => [module, TYPES])),
  lookupKey: ({ operation, call, argument }) => {
    if (operation.startsWith('findOne')) return conditionKey(call, argument) ?? primaryKey(call, argument);
    return operation === 'find' ? conditionKey(call, argument) : undefined;
  },
  batch: (site) => {
    const field = site.key.field;
    if (field === null)
      return 'the lookup does not name its primary key; write `findOne(Entity, { id })` to let it be batched';
    // Any other property may be a relation, whose value on a loaded row is an entity, not the key.
    if (field !== 'id' && field !== '_id')
      return `\`${field}\` may be a relation, whose value on a row is an entity; batch it by hand`;
    if (site.operation !== 'findOne' && site.operation !== 'find')
      return `\`${site.operation}\` throws on a missing row; a batch cannot reproduce that per item`;
    const entity = site.entity === undefined ? '' : `${site.entity}, `;
    return {
      batch: (keys) => `${site.receiver}.find(${entity}{ ${fieldKey(field)}: { $in: ${keys} } })`,
      rowKey: (row) => `String(${fieldAccess(row, field)})`,
      itemKey: (k) => `String(${k})`,
      missing: 'null',
      unique: false,
      grouped: false,
      base: baseName(site.entity ?? site.receiver.replace(/(Repository|Repo)$/u, ''), 'row'),
      field,
    };
  },
};

/** `findOne(User, id)`: a key that is not a condition object selects by primary key. */
function primaryKey(call: TSESTree.CallExpression, argument: number): LookupKey | undefined {
  const value = call.arguments.at(argument);
  return value && value.type !== AST_NODE_TYPES.ObjectExpression ? soleArgumentKey(call, null, argument) : undefined;
}

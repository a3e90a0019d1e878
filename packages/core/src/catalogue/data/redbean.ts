import { COUNT, exported, READ_MANY, READ_ONE } from './shared.js';
import type { DataAdapter, ValueShape } from './types.js';

/** RedBeanNode's `R` facade (`const { R } = require('redbean-node')`): every read is a static method. */
const REDBEAN: ValueShape = {
  name: 'redbean',
  methods: {
    find: READ_MANY,
    findOne: READ_ONE,
    findAll: READ_MANY,
    getAll: READ_MANY,
    getRow: READ_ONE,
    getCol: READ_MANY,
    getCell: READ_ONE,
    load: READ_ONE,
    count: COUNT,
  },
};

/** RedBeanNode: `R.load('user', id)`, `R.findOne('user', 'id = ?', [id])`. */
export const redbean: DataAdapter = {
  library: 'redbean',
  target: 'the database',
  entries: [exported('redbean-node.R', ['redbean-node'], ['R'], 'redbean', REDBEAN)],
  // `R.autoloadModels('./server/model')` makes every bean of table `monitor` an instance of the `BeanModel` subclass
  // that `server/model/monitor.js` exports.
  rowModels: {
    module: 'redbean-node',
    path: ['R'],
    methods: ['find', 'findOne', 'findAll', 'load', 'dispense', 'convertToBean', 'convertToBeans'],
    base: 'redbean-node',
  },
};

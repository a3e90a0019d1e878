'use strict';

const { Model } = require('objection');

// An Objection model: the routes import it, and `Account.query()` runs against the Knex instance bound at start-up.
class Account extends Model {
  static get tableName() {
    return 'accounts';
  }
}

module.exports = Account;

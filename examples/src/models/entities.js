'use strict';

const { EntitySchema } = require('@mikro-orm/core');

// A MikroORM entity, declared without decorators.
class Team {}

const TeamSchema = new EntitySchema({
  class: Team,
  properties: { id: { type: 'number', primary: true }, name: { type: 'string' } },
});

module.exports = { Team, TeamSchema };

'use strict';

const express = require('express');
const { MikroORM } = require('@mikro-orm/postgresql');
const Account = require('../models/account');
const { Team } = require('../models/entities');

const router = express.Router();
const orm = MikroORM.initSync({ entities: [Team], clientUrl: process.env.DATABASE_URL });

// The owners of the given accounts: one query per account id.
router.post('/owners', async (req, res) => {
  const owners = await Promise.all(req.body.accountIds.map((id) => Account.query().findById(id)));
  res.json(owners);
});

// Each member with its team, through a request's own entity manager: one query per member.
router.post('/members', async (req, res) => {
  const em = orm.em.fork();
  const members = [];
  for (const member of req.body.members) {
    const team = await em.findOne(Team, { id: member.teamId });
    members.push({ ...member, team });
  }
  res.json(members);
});

// One account by id: a single query per request, which is fine.
router.get('/:id', async (req, res) => {
  res.json(await Account.query().findById(req.params.id));
});

module.exports = router;

'use strict';

const express = require('express');
const { buildReport, reportName, reportPool } = require('../lib/report');

const router = express.Router();

router.post('/reports', async (req, res) => {
  const report = await reportPool.run([req.body.rows, req.body.currency], { name: 'buildReport' });
  res.json({ name: reportName(req.body.id), ...report });
});

router.post('/reports/total', async (req, res) => {
  res.json({ total: (await reportPool.run([req.body.rows, 'EUR'], { name: 'buildReport' })).total });
});

router.get('/reports/preview', (req, res) => {
  res.json(buildReport([], 'EUR'));
});

module.exports = router;

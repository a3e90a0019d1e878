'use strict';

const express = require('express');
const { buildReport, reportName } = require('../lib/report');

const router = express.Router();

router.post('/reports', async (req, res) => {
  const report = buildReport(req.body.rows, req.body.currency);
  res.json({ name: reportName(req.body.id), ...report });
});

router.post('/reports/total', async (req, res) => {
  res.json({ total: buildReport(req.body.rows, 'EUR').total });
});

router.get('/reports/preview', (req, res) => {
  res.json(buildReport([], 'EUR'));
});

module.exports = router;

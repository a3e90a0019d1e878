'use strict';

const { Router } = require('express');
const { readFileSync, readdirSync, statSync } = require('node:fs');
const { execSync } = require('node:child_process');
const path = require('node:path');

const router = Router();
const REPORT_DIR = path.join(__dirname, '..', '..', 'data', 'reports');

function reportPath(name) {
  return path.join(REPORT_DIR, path.basename(name));
}

function readReport(name) {
  return JSON.parse(readFileSync(reportPath(name), 'utf8'));
}

router.get('/', async (req, res) => {
  const names = readdirSync(REPORT_DIR).filter((file) => file.endsWith('.json'));
  const reports = names.map((name) => ({ name, size: statSync(reportPath(name)).size }));
  res.json(reports);
});

router.get('/:name', (req, res) => {
  res.json(readReport(req.params.name));
});

router.get('/:name/raw', async (req, res) => {
  const body = readFileSync(reportPath(req.params.name));
  res.type('json').send(body);
});

router.post('/archive', async (req, res) => {
  const archive = execSync(`tar -czf - -C ${REPORT_DIR} .`);
  res.type('application/gzip').send(archive);
});

module.exports = router;

const express = require('express');
const { buildReport } = require('../lib/report');

const app = express();
app.get('/r', async (req, res) => res.json(buildReport(req.query)));

module.exports = app;

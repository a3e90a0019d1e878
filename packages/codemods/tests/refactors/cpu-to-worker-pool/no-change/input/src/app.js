const express = require('express');
const { buildReport } = require('./report');

const app = express();
app.get('/r', async (req, res) => res.json(buildReport(req.query)));

'use strict';

const express = require('express');
const fs = require('fs');
const { config } = require('./config');
const reports = require('./routes/reports');
const catalog = require('./routes/catalog');

const app = express();
app.use(express.json());

app.get('/health', (req, res) => {
  res.json({ ok: true });
});

// Serves the maintenance banner, if an operator left one.
app.use((req, res, next) => {
  if (fs.existsSync(config.maintenanceFile)) {
    res.status(503).send(fs.readFileSync(config.maintenanceFile, 'utf8'));
    return;
  }
  next();
});

app.use('/reports', reports);
app.use('/catalog', catalog);
app.use('/dashboard', require('./routes/dashboard'));
app.use('/orders', require('./routes/orders'));
app.use('/graphql', require('./graphql'));
app.use('/integrations', require('./routes/integrations'));
app.use('/exports', require('./routes/exports'));
app.use('/sessions', require('./routes/sessions'));
app.use('/accounts', require('./routes/accounts'));
app.use('/reviews', require('./routes/reviews'));

app.listen(config.port, () => {
  fs.writeFileSync(config.pidFile, String(process.pid));
  console.log(`shop api listening on ${config.port}`);
});

function buildReport(query) {
  return Object.keys(query).sort();
}

module.exports = { buildReport };

function buildReport(query) {
  return { query };
}
module.exports = { buildReport };

// The jscodeshift baseline: parse and print every file, change nothing.
module.exports = function identity(file, api) {
  return api.jscodeshift(file.source).toSource();
};

// Stands in for @stdlib/assert-has-generator-support, which probes for `function*` by evaluating a
// string. Every browser and Node the site supports has generators, and the page's
// Content-Security-Policy (src/site/csp.ts) refuses code from strings: the probe would be reported
// as a violation on every first update and then take stdlib's slower non-generator path.
module.exports = function hasGeneratorSupport() {
  return true;
};

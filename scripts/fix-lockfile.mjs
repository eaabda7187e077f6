// Run after `npm install` changes the lockfile: `node scripts/fix-lockfile.mjs`.
// Some packages (e.g. @astrojs/compiler-binding) list platform binaries as optional dependencies
// that the registry does not serve for every platform; npm then leaves them out of
// package-lock.json and `npm ci` refuses the lockfile as out of sync. This records each missing
// one as an optional entry for its own platform, which npm ci skips on other machines.
// (.mjs, not .ts: it must run under the machine's Node before `npm ci` has installed Node 24.)
import fs from 'node:fs';

const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8'));
const packages = lock.packages;

/** os/cpu from a binding's name, e.g. compiler-binding-darwin-arm64 → darwin / arm64. */
function platformOf(name) {
  const m = /-(android|darwin|freebsd|linux|win32|wasm32)-?(arm64|arm|x64|ia32|wasi)?/.exec(name.split('/').pop());
  if (!m) return {};
  return m[1] === 'wasm32' ? { cpu: ['wasm32'] } : { os: [m[1]], cpu: [m[2]] };
}

export function missingOptionalEntries(pkgs) {
  const missing = [];
  for (const entry of Object.values(pkgs)) {
    for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
      if (!pkgs[`node_modules/${name}`]) missing.push([name, version]);
    }
  }
  return missing;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const missing = missingOptionalEntries(packages);
  for (const [name, version] of missing) packages[`node_modules/${name}`] = { version, ...platformOf(name), optional: true };
  lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
  fs.writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
  console.log(`fix-lockfile: recorded ${missing.length} optional platform package(s)`);
}

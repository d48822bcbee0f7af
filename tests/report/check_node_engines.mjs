// Fails when a pinned JavaScript package cannot run under the Node.js that runs
// the tests, or under Debian 12's own Node.js: a fresh Debian 12 has nothing
// newer, so a pin that needs more breaks the README's test command there while
// a development machine with a newer Node stays green (issue 12).
//
//   node check_node_engines.mjs --lock package-lock.json --package package.json
//
// Checks, each failure listed:
//  1. every package in the lock file that declares engines.node accepts
//     Debian 12's Node (DEBIAN_12_NODE) and the Node running this script;
//  2. package.json's own engines.node tells the truth: the lowest version it
//     admits satisfies every pinned package's range.
// The range grammar is the subset npm packages use (>=, >, <=, <, =, ^, ~,
// x-ranges, hyphen ranges, space for "and", || for "or"); anything else is an
// error rather than a guess.
import { readFileSync } from 'node:fs';

// Debian 12 (bookworm, -updates, -security) ships nodejs 18.20.4+dfsg-1~deb12u3
// and nothing newer (`apt-cache policy nodejs`, checked 2026-11-27).
const DEBIAN_12_NODE = '18.20.4';

function parseVersion(text, partial = false) {
  const m = /^v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:-[0-9A-Za-z.-]+)?$/.exec(text.trim());
  if (!m) throw new Error(`not a version: "${text}"`);
  const parts = [m[1], m[2], m[3]].map((p) => (p === undefined || /^[xX*]$/.test(p) ? null : Number(p)));
  if (!partial && parts.some((p) => p === null)) throw new Error(`not a full version: "${text}"`);
  return parts;
}

function compare(a, b) {
  for (let i = 0; i < 3; ++i) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

// One comparator (">=18", "^18.2", "1.x", "*") as a list of [op, version].
function comparators(token) {
  const m = /^(>=|<=|>|<|=|\^|~)?\s*(.+)$/.exec(token);
  const op = m[1] ?? '';
  const [major, minor, patch] = parseVersion(m[2], true);
  const lo = [major ?? 0, minor ?? 0, patch ?? 0];
  if (major === null) return op === '' || op === '>=' ? [] : [['<', [0, 0, 0]]];
  switch (op) {
    case '>=': case '>': case '<': case '<=':
      if (minor === null || patch === null) {
        // ">18" means ">=19.0.0"; "<=18" means "<19.0.0"; ">=18" and "<18" as written.
        const next = minor === null ? [major + 1, 0, 0] : [major, minor + 1, 0];
        if (op === '>') return [['>=', next]];
        if (op === '<=') return [['<', next]];
      }
      return [[op, lo]];
    case '^': {
      const hi = major > 0 || minor === null ? [major + 1, 0, 0]
        : minor > 0 || patch === null ? [0, minor + 1, 0] : [0, 0, patch + 1];
      return [['>=', lo], ['<', hi]];
    }
    case '~':
      return [['>=', lo], ['<', minor === null ? [major + 1, 0, 0] : [major, minor + 1, 0]]];
    default:
      if (minor === null) return [['>=', lo], ['<', [major + 1, 0, 0]]];
      if (patch === null) return [['>=', lo], ['<', [major, minor + 1, 0]]];
      return [['=', lo]];
  }
}

function satisfiesSet(version, set) {
  return set.every(([op, v]) => {
    const c = compare(version, v);
    return { '>=': c >= 0, '>': c > 0, '<': c < 0, '<=': c <= 0, '=': c === 0 }[op];
  });
}

// A range as a list of alternatives, each a list of comparators.
export function parseRange(range) {
  return range.split('||').map((alternative) => {
    const text = alternative.trim();
    const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(text);
    if (hyphen) return [...comparators(`>=${hyphen[1]}`), ...comparators(`<=${hyphen[2]}`)];
    if (text === '') return [];
    return text.replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1').split(/\s+/).flatMap(comparators);
  });
}

export function satisfies(version, range) {
  const v = parseVersion(version);
  return parseRange(range).some((set) => satisfiesSet(v, set));
}

// The lowest version a range admits (for ">=18 || ..." that is 18.0.0).
function lowest(range) {
  const candidates = parseRange(range).map((set) => {
    const bounds = set.filter(([op]) => op === '>=' || op === '=').map(([, v]) => v);
    return bounds.sort(compare).at(-1) ?? [0, 0, 0];
  });
  return candidates.sort(compare)[0].join('.');
}

function selfTest() {
  const cases = [
    ['18.20.4', '>=18', true], ['18.20.4', '>=20', false], ['20.1.0', '^18 || >=20', true],
    ['19.0.0', '^18 || >=20', false], ['18.20.4', '>=14.17.0', true], ['18.20.4', '18.x', true],
    ['18.20.4', '~18.19', false], ['18.20.4', '16 - 18', true], ['18.20.4', '>18', false],
    ['18.20.4', '>= 18.0.0 < 19', true], ['18.20.4', '*', true], ['0.4.1', '^0.4.0', true], ['0.5.0', '^0.4.0', false],
  ];
  for (const [version, range, expected] of cases) {
    if (satisfies(version, range) !== expected) throw new Error(`range checker: ${version} in "${range}" should be ${expected}`);
  }
  if (lowest('>=18') !== '18.0.0' || lowest('^16.14 || >=18') !== '16.14.0') throw new Error('range checker: lowest()');
}

function main(argv) {
  const arg = (name) => {
    const i = argv.indexOf(name);
    if (i < 0 || i + 1 >= argv.length) throw new Error(`usage: check_node_engines.mjs --lock FILE --package FILE (missing ${name})`);
    return argv[i + 1];
  };
  selfTest();
  const lockFile = arg('--lock');
  const packageFile = arg('--package');
  const lock = JSON.parse(readFileSync(lockFile, 'utf8'));
  const root = JSON.parse(readFileSync(packageFile, 'utf8'));
  const running = process.version.slice(1);
  const problems = [];
  const rootRange = root.engines?.node;
  if (!rootRange) problems.push(`${packageFile}: engines.node is missing: say which Node.js the tests need`);
  const rootLowest = rootRange ? lowest(rootRange) : null;
  if (rootRange && !satisfies(DEBIAN_12_NODE, rootRange)) {
    problems.push(`${packageFile}: engines.node "${rootRange}" excludes Debian 12's Node.js ${DEBIAN_12_NODE}`);
  }
  let checked = 0;
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    const range = entry.engines?.node;
    if (!path || !range) continue;
    ++checked;
    const name = `${lockFile}: ${path.replace(/^node_modules\//, '')}@${entry.version}`;
    if (!satisfies(DEBIAN_12_NODE, range)) problems.push(`${name} needs Node.js "${range}"; Debian 12 has ${DEBIAN_12_NODE}: pin a release that accepts it`);
    if (!satisfies(running, range)) problems.push(`${name} needs Node.js "${range}"; this test runs under ${running}`);
    if (rootLowest && !satisfies(rootLowest, range)) problems.push(`${name} needs Node.js "${range}", but ${packageFile} declares "${rootRange}" (admits ${rootLowest})`);
  }
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
  console.log(`Node.js engines: ${checked} pinned packages declare a range; all accept Debian 12's ${DEBIAN_12_NODE}, ` +
              `this Node.js ${running} and the lowest version package.json admits (${rootLowest}).`);
}

main(process.argv.slice(2));

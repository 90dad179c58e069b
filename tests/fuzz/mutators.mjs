// Mutations of a definition or template for the fuzz test (tests/fuzz.test.ts) and the long
// run (scripts/fuzz.mjs). Everything is drawn from a seeded generator, so a seed and a case
// number give the same input on every machine.
//
// Two kinds of mutation:
// - on the value tree (objects keep their members as a list, so keys can be duplicated):
//   deleted and duplicated keys, type swaps, deep nesting, 10 MB strings, `__proto__` and
//   `constructor` keys, unicode state names, YAML alias bombs; the tree is then written as
//   JSON or block YAML;
// - on the text: byte flips, truncation at a structural boundary, deleted and duplicated
//   lines, CRLF line ends, stray characters.

/** A small, fast, seeded generator (mulberry32). */
export function random(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)],
  };
}

/** The seed of one case: each case can be replayed on its own. */
export function caseSeed(seed, index) {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ index, 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

// ---------------------------------------------------------------- the value tree

/**
 * A document node as a mutable tree: { kind, value } for scalars, { kind: 'object', entries:
 * [key, node][] }, { kind: 'array', items }, and { kind: 'raw', json, yaml } for text that
 * only a serialiser can write (a placeholder, an alias).
 */
export function treeOf(node) {
  if (node.kind === 'object') return { kind: 'object', entries: (node.children ?? []).map((child) => [child.key ?? '', treeOf(child)]) };
  if (node.kind === 'array') return { kind: 'array', items: (node.children ?? []).map(treeOf) };
  if (node.kind === 'placeholder') return { kind: 'raw', json: String(node.value), yaml: JSON.stringify(String(node.value)) };
  return { kind: node.kind, value: node.value };
}

function clone(tree) {
  if (tree.kind === 'object') return { kind: 'object', entries: tree.entries.map(([key, value]) => [key, clone(value)]) };
  if (tree.kind === 'array') return { kind: 'array', items: tree.items.map(clone) };
  return { ...tree };
}

/** Every node with a way to replace it, and every object member, in document order. */
function slots(tree) {
  const found = [];
  const walk = (node, set, key) => {
    found.push({ node, set, key });
    if (node.kind === 'object') {
      node.entries.forEach((entry) => walk(entry[1], (value) => (entry[1] = value), entry));
    } else if (node.kind === 'array') {
      node.items.forEach((_, i) => walk(node.items[i], (value) => (node.items[i] = value)));
    }
  };
  walk(tree, () => {});
  return found;
}

const members = (tree) => slots(tree).filter((slot) => slot.node.kind === 'object' && slot.node.entries.length > 0).map((slot) => slot.node);

/** The objects named States, whose keys are state names. */
const stateMaps = (tree) => slots(tree).filter((slot) => slot.key?.[0] === 'States' && slot.node.kind === 'object').map((slot) => slot.node);

/** Renames a state and every string that names it (StartAt, Next, Default). */
function renameState(tree, r, names) {
  const maps = stateMaps(tree).filter((map) => map.entries.length > 0);
  if (maps.length === 0) return undefined;
  const entry = r.pick(r.pick(maps).entries);
  const old = entry[0];
  const name = r.pick(names);
  entry[0] = name;
  for (const { node } of slots(tree)) if (node.kind === 'string' && node.value === old) node.value = name;
  return `rename state ${JSON.stringify(old)} to ${JSON.stringify(name).slice(0, 40)}`;
}

const SWAP_VALUES = [
  { kind: 'null', value: null },
  { kind: 'number', value: 0 },
  { kind: 'number', value: -1 },
  { kind: 'number', value: 3.5 },
  { kind: 'raw', json: '1e400', yaml: '1e400' },
  { kind: 'raw', json: '-0', yaml: '-.inf' },
  { kind: 'number', value: 99999999999 },
  ...['', 'x', '$', '$.a[', '$$.Execution.Id', "States.Format('{}', $.a)", 'States.Array(States.Array(', '{% $states.input.( %}', '{% %}', '${Placeholder}', 'arn:aws:states:::lambda:invoke.waitForTaskToken', 'States.ALL'].map(
    (value) => ({ kind: 'string', value }),
  ),
  { kind: 'boolean', value: true },
  { kind: 'boolean', value: false },
  { kind: 'array', items: [] },
  { kind: 'array', items: [{ kind: 'null', value: null }, { kind: 'string', value: 'a' }] },
  { kind: 'object', entries: [] },
  { kind: 'object', entries: [['Ref', { kind: 'string', value: 'X' }]] },
  { kind: 'object', entries: [['Fn::Sub', { kind: 'array', items: [{ kind: 'string', value: '${A}' }, { kind: 'object', entries: [] }] }]] },
  { kind: 'object', entries: [['Type', { kind: 'string', value: 'Task' }]] },
];

const ODD_KEYS = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf', '__defineGetter__', 'isPrototypeOf'];

const ODD_NAMES = [
  '状態',
  'État ✓',
  '🚀 launch',
  'e\u0301te\u0301',
  '\u202Eevil',
  'zero\u200Bwidth',
  '\u{1F600}\u{1F600}',
  'lone \uD800 surrogate',
  'nul\u0000byte',
  '\uFEFFbom',
  'line\u2028separator',
  'tab\there',
  'x'.repeat(81),
  '',
  ' ',
  '$.a',
  'a.b',
  '"quoted"',
  ...ODD_KEYS,
];

const NESTING_KEYS = ['a', 'States', 'Branches', 'Not', 'And', 'Parameters', 'ItemProcessor', 'Catch', 'Fn::Join', 'Fn::If'];

/** A value nested `depth` deep, objects and arrays at random, around `inner`. */
function nested(r, depth, inner) {
  let value = inner;
  for (let i = 0; i < depth; i++) {
    value = r.chance(0.5) ? { kind: 'array', items: [value] } : { kind: 'object', entries: [[r.pick(NESTING_KEYS), value]] };
  }
  return value;
}

/** A Parallel state nested `depth` deep, each branch one state: scopes, not just values. */
function nestedParallel(depth) {
  let state = { kind: 'object', entries: [['Type', { kind: 'string', value: 'Succeed' }]] };
  for (let i = 0; i < depth; i++) {
    const branch = { kind: 'object', entries: [['StartAt', { kind: 'string', value: `S${i}` }], ['States', { kind: 'object', entries: [[`S${i}`, state]] }]] };
    state = { kind: 'object', entries: [['Type', { kind: 'string', value: 'Parallel' }], ['End', { kind: 'boolean', value: true }], ['Branches', { kind: 'array', items: [branch] }]] };
  }
  return state;
}

const HUGE_PATTERNS = ['x', '$.a', '.b', '[0]', '{% $a + ', '(', 'States.Format(', '\\', '"', ' ', 'é', '🚀', '${A}', '*', ',', '\n'];

/** A string of 10 MB (UTF-16 units) made of one repeated pattern, or of two. */
function hugeString(r) {
  const pattern = r.pick(HUGE_PATTERNS) + (r.chance(0.3) ? r.pick(HUGE_PATTERNS) : '');
  const prefix = r.pick(['', '$', '$.', '{% ', 'States.', 'arn:aws:states:::']);
  return prefix + pattern.repeat(Math.ceil(10_000_000 / pattern.length));
}

/** A billion-laughs chain of YAML anchors, each level ten aliases of the one before. */
function aliasBomb(r) {
  const levels = 6 + r.int(4);
  const lines = ['&l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let i = 1; i < levels; i++) lines.push(`&l${i} [${Array.from({ length: 10 }, () => `*l${i - 1}`).join(', ')}]`);
  return { lines, top: `*l${levels - 1}` };
}

/** Mutations of the tree; each returns what it did, or undefined when it found nothing to do. */
export const treeMutators = {
  deleteKey(tree, r) {
    const objects = members(tree);
    if (objects.length === 0) return undefined;
    const object = r.pick(objects);
    const [key] = object.entries.splice(r.int(object.entries.length), 1)[0];
    return `delete key ${JSON.stringify(key)}`;
  },
  duplicateKey(tree, r) {
    const objects = members(tree);
    if (objects.length === 0) return undefined;
    const object = r.pick(objects);
    const at = r.int(object.entries.length);
    const [key, value] = object.entries[at];
    // The copy has the same value, or another member's, so duplicates can disagree.
    const copy = r.chance(0.5) ? clone(value) : clone(r.pick(object.entries)[1]);
    object.entries.splice(r.chance(0.5) ? at + 1 : object.entries.length, 0, [key, copy]);
    return `duplicate key ${JSON.stringify(key)}`;
  },
  typeSwap(tree, r) {
    const all = slots(tree).slice(1);
    if (all.length === 0) return undefined;
    const slot = r.pick(all);
    const value = clone(r.pick(SWAP_VALUES.filter((v) => v.kind !== slot.node.kind)));
    slot.set(value);
    return `replace a ${slot.node.kind}${slot.key ? ` at key ${JSON.stringify(slot.key[0])}` : ''} with ${value.kind === 'raw' ? value.json : JSON.stringify(value.value ?? value.kind)}`;
  },
  deepNesting(tree, r) {
    const all = slots(tree).slice(1);
    if (all.length === 0) return undefined;
    const slot = r.pick(all);
    if (r.chance(0.3)) {
      const maps = stateMaps(tree);
      if (maps.length > 0) {
        r.pick(maps).entries.push(['Deep', nestedParallel(200)]);
        return 'add a Parallel state nested 200 deep';
      }
    }
    slot.set(nested(r, 200, slot.node));
    return `nest a ${slot.node.kind}${slot.key ? ` at key ${JSON.stringify(slot.key[0])}` : ''} 200 deep`;
  },
  hugeString(tree, r) {
    const all = slots(tree).slice(1);
    if (all.length === 0) return undefined;
    const slot = r.pick(all);
    const text = hugeString(r);
    // Now and then the key (a state name, a field name) is the huge string.
    if (slot.key && r.chance(0.2)) {
      slot.key[0] = text;
      return `make a key a 10 MB string of ${JSON.stringify(text.slice(0, 6))}…`;
    }
    slot.set({ kind: 'string', value: text });
    return `replace a ${slot.node.kind}${slot.key ? ` at key ${JSON.stringify(slot.key[0])}` : ''} with a 10 MB string of ${JSON.stringify(text.slice(0, 6))}…`;
  },
  prototypeKeys(tree, r) {
    const choice = r.int(3);
    if (choice === 0) {
      const renamed = renameState(tree, r, ODD_KEYS);
      if (renamed) return renamed;
    }
    const objects = members(tree);
    if (objects.length === 0) return undefined;
    const object = r.pick(objects);
    const key = r.pick(ODD_KEYS);
    if (choice === 1) {
      object.entries[r.int(object.entries.length)][0] = key;
      return `rename a key to ${key}`;
    }
    object.entries.push([key, clone(r.pick(SWAP_VALUES))]);
    return `add a key ${key}`;
  },
  unicodeNames(tree, r) {
    return renameState(tree, r, ODD_NAMES);
  },
  aliasBomb(tree, r, output) {
    if (tree.kind !== 'object') return undefined;
    const bomb = aliasBomb(r);
    output.format = 'yaml';
    output.prelude = bomb.lines;
    const all = slots(tree).slice(1);
    if (all.length > 0) r.pick(all).set({ kind: 'raw', json: 'null', yaml: bomb.top });
    return `add a YAML alias bomb of ${bomb.lines.length} levels`;
  },
};

/** How often each tree mutation is drawn, out of the sum. The costly ones are rare. */
const TREE_WEIGHTS = { deleteKey: 20, duplicateKey: 15, typeSwap: 25, deepNesting: 4, hugeString: 0.4, prototypeKeys: 8, unicodeNames: 10, aliasBomb: 1.5 };

// ---------------------------------------------------------------- writing the tree

/**
 * Below this depth, JSON goes on one line and YAML in flow style: indenting a value nested
 * 200 deep would make the text grow with the square of the depth.
 */
const INDENTED_DEPTH = 40;

function jsonOf(tree, indent, depth = 0) {
  if (depth > INDENTED_DEPTH) indent = 0;
  const pad = indent ? `\n${' '.repeat(indent * (depth + 1))}` : '';
  const close = indent ? `\n${' '.repeat(indent * depth)}` : '';
  const colon = indent ? ': ' : ':';
  switch (tree.kind) {
    case 'object':
      if (tree.entries.length === 0) return '{}';
      return `{${tree.entries.map(([key, value]) => `${pad}${JSON.stringify(key)}${colon}${jsonOf(value, indent, depth + 1)}`).join(',')}${close}}`;
    case 'array':
      if (tree.items.length === 0) return '[]';
      return `[${tree.items.map((value) => `${pad}${jsonOf(value, indent, depth + 1)}`).join(',')}${close}]`;
    case 'raw':
      return tree.json;
    default:
      return JSON.stringify(tree.value) ?? 'null';
  }
}

const PLAIN = /^[A-Za-z_][\w.$/ -]*$/;
const YAML_WORDS = /^(?:true|false|null|yes|no|on|off|y|n|~)$/i;

/** A key or string as YAML: plain when it plainly reads back as the same string, else double-quoted. */
function yamlScalar(text) {
  return PLAIN.test(text) && !YAML_WORDS.test(text) && !text.endsWith(' ') ? text : JSON.stringify(text);
}

function yamlOf(tree, indent) {
  const pad = ' '.repeat(indent);
  if (indent > 2 * INDENTED_DEPTH) return `${pad}${jsonOf(tree, 0, INDENTED_DEPTH + 1)}\n`;
  if (tree.kind === 'object' && tree.entries.length > 0) {
    return tree.entries.map(([key, value]) => `${pad}${yamlScalar(key)}:${yamlValue(value, indent)}`).join('');
  }
  if (tree.kind === 'array' && tree.items.length > 0) {
    return tree.items.map((value) => `${pad}-${yamlValue(value, indent)}`).join('');
  }
  return `${pad}${yamlInline(tree)}\n`;
}

/** What follows `key:` or `-`: a scalar on the same line, or a block on the lines below. */
function yamlValue(tree, indent) {
  if (indent > 2 * INDENTED_DEPTH) return ` ${jsonOf(tree, 0, INDENTED_DEPTH + 1)}\n`;
  if ((tree.kind === 'object' && tree.entries.length > 0) || (tree.kind === 'array' && tree.items.length > 0)) {
    return `\n${yamlOf(tree, indent + 2)}`;
  }
  return ` ${yamlInline(tree)}\n`;
}

function yamlInline(tree) {
  if (tree.kind === 'object') return '{}';
  if (tree.kind === 'array') return '[]';
  if (tree.kind === 'raw') return tree.yaml;
  if (tree.kind === 'string') return yamlScalar(tree.value);
  return JSON.stringify(tree.value) ?? 'null';
}

/** The tree as text: JSON (indented or on one line) or block YAML, with any prelude first. */
export function writeTree(tree, output) {
  if (output.format === 'yaml') {
    const prelude = (output.prelude ?? []).map((line, i) => `x-bomb-${i}: ${line}\n`).join('');
    return prelude + yamlOf(tree, 0);
  }
  return jsonOf(tree, output.indent);
}

// ---------------------------------------------------------------- text mutations

const STRUCTURAL = new Set(['{', '}', '[', ']', ',', ':', '"', "'", '\n', '-', '#', '&', '*', '!', '|', '>']);

/** Offsets where a truncation cuts between tokens or inside one: before and after each structural character. */
export function structuralBoundaries(text) {
  const found = [];
  for (let i = 0; i < text.length; i++) if (STRUCTURAL.has(text[i])) found.push(i, i + 1);
  return found;
}

const STRAY = ['{', '}', '[', ']', '"', ',', ':', '\u0000', '\uFFFD', '${', '*a', '&a ', '!Ref ', '{%', '%}', '\t', '\\', '#', '- ', '\r', '\uD800', '\u2028', '"__proto__":{},'];

const lines = (text) => text.split(/(?<=\n)/);

/** Mutations of the text; each returns [text, what it did]. */
export const textMutators = {
  byteFlip(text, r) {
    const bytes = Buffer.from(text, 'utf8');
    if (bytes.length === 0) return [text, 'nothing to flip'];
    const count = 1 + r.int(8);
    for (let i = 0; i < count; i++) bytes[r.int(bytes.length)] ^= 1 + r.int(255);
    // As the CLI reads a file: bytes decoded as UTF-8, invalid sequences replaced.
    return [bytes.toString('utf8'), `flip ${count} bytes`];
  },
  truncate(text, r) {
    // The first structural character at or after a random offset; just before it or just after.
    const from = r.int(text.length + 1);
    let found = from;
    while (found < text.length && !STRUCTURAL.has(text[found])) found++;
    const at = found < text.length ? found + r.int(2) : from;
    return [text.slice(0, at), `truncate at ${at} of ${text.length}`];
  },
  deleteLine(text, r) {
    const all = lines(text);
    const at = r.int(all.length);
    all.splice(at, 1 + (r.chance(0.3) ? r.int(4) : 0));
    return [all.join(''), `delete line ${at + 1}`];
  },
  duplicateLine(text, r) {
    const all = lines(text);
    const at = r.int(all.length);
    all.splice(at, 0, all[at] ?? '');
    return [all.join(''), `duplicate line ${at + 1}`];
  },
  lineEnds(text, r) {
    const ending = r.pick(['\r\n', '\r\n', '\r']);
    return [text.replace(/\r?\n/g, ending), `line ends ${JSON.stringify(ending)}`];
  },
  strayText(text, r) {
    const stray = r.pick(STRAY);
    const at = r.int(text.length + 1);
    return [text.slice(0, at) + stray + text.slice(at), `insert ${JSON.stringify(stray)} at ${at}`];
  },
};

const TEXT_WEIGHTS = { byteFlip: 25, truncate: 25, deleteLine: 12, duplicateLine: 12, lineEnds: 8, strayText: 12 };

function weighted(r, weights) {
  const names = Object.keys(weights);
  let left = r.next() * names.reduce((sum, name) => sum + weights[name], 0);
  for (const name of names) {
    left -= weights[name];
    if (left < 0) return name;
  }
  return names[names.length - 1];
}

/**
 * One fuzz input from a source file: 1 to 3 mutations, tree mutations first (then the tree
 * is written as JSON or YAML), text mutations last. `parse(file, text)` gives the root
 * document node, or undefined when the text has none (then only text mutations apply).
 * Returns the file name to lint it under (its extension says JSON or YAML), the text,
 * and the steps taken.
 */
export function mutate(r, file, text, parse) {
  const count = 1 + r.int(3);
  const plan = Array.from({ length: count }, () => (r.chance(0.55) ? ['tree', weighted(r, TREE_WEIGHTS)] : ['text', weighted(r, TEXT_WEIGHTS)]));
  plan.sort((a, b) => (a[0] === b[0] ? 0 : a[0] === 'tree' ? -1 : 1));
  const steps = [];
  let out = { file, text };
  const treeSteps = plan.filter(([kind]) => kind === 'tree');
  if (treeSteps.length > 0) {
    const root = parse(file, text);
    if (root) {
      const tree = treeOf(root);
      const output = { format: r.chance(0.3) ? 'yaml' : /\.ya?ml$/i.test(file) ? 'yaml' : 'json', indent: r.pick([0, 2, 4]) };
      for (const [, name] of treeSteps) {
        const done = treeMutators[name](tree, r, output);
        if (done) steps.push(done);
      }
      const yaml = output.format === 'yaml';
      const renamed = yaml && !/\.ya?ml$/i.test(file) ? file.replace(/(\.json|\.template|\.asl)?$/i, '.yaml') : !yaml && /\.ya?ml$/i.test(file) ? file.replace(/\.ya?ml$/i, '.json') : file;
      out = { file: renamed, text: writeTree(tree, output) };
      steps.push(`write as ${yaml ? 'YAML' : 'JSON'}${renamed !== file ? ` (${renamed.slice(renamed.lastIndexOf('/') + 1)})` : ''}`);
    }
  }
  for (const [kind, name] of plan) {
    if (kind !== 'text') continue;
    const [changed, done] = textMutators[name](out.text, r);
    out = { ...out, text: changed };
    steps.push(done);
  }
  return { ...out, steps };
}

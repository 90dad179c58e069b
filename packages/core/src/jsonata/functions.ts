/**
 * The functions of JSONata 2.0.6 (the version Step Functions runs), without the `$`: the
 * library's static frame, plus `$now` and `$millis`, which it binds per expression.
 */
export const JSONATA_FUNCTIONS: readonly string[] = [
  // Strings
  'string', 'length', 'substring', 'substringBefore', 'substringAfter', 'uppercase', 'lowercase', 'trim', 'pad',
  'contains', 'split', 'join', 'match', 'replace', 'eval', 'base64encode', 'base64decode', 'encodeUrlComponent',
  'encodeUrl', 'decodeUrlComponent', 'decodeUrl',
  // Numbers
  'number', 'abs', 'floor', 'ceil', 'round', 'power', 'sqrt', 'random', 'formatNumber', 'formatBase', 'formatInteger',
  'parseInteger',
  // Aggregation
  'sum', 'max', 'min', 'average',
  // Booleans
  'boolean', 'not', 'exists',
  // Arrays
  'count', 'append', 'sort', 'reverse', 'shuffle', 'distinct', 'zip',
  // Objects
  'keys', 'lookup', 'spread', 'merge', 'sift', 'each', 'error', 'assert', 'type',
  // Date and time
  'now', 'millis', 'fromMillis', 'toMillis',
  // Higher-order
  'map', 'filter', 'single', 'reduce',
  // Other
  'clone',
];

/** Functions Step Functions adds to JSONata ($random replaces the library's own). */
export const STEP_FUNCTIONS_ADDED_FUNCTIONS: readonly string[] = ['partition', 'range', 'hash', 'random', 'uuid', 'parse'];

/** Library functions Step Functions leaves out, with what to use instead. */
export const STEP_FUNCTIONS_REMOVED_FUNCTIONS: ReadonlyMap<string, string> = new Map([['eval', 'parse']]);

/** Every function a JSONata expression in Step Functions may call, without the `$`. */
export const STEP_FUNCTIONS_JSONATA_FUNCTIONS: ReadonlySet<string> = new Set(
  [...JSONATA_FUNCTIONS, ...STEP_FUNCTIONS_ADDED_FUNCTIONS].filter((name) => !STEP_FUNCTIONS_REMOVED_FUNCTIONS.has(name)),
);

/** The fields of the reserved variable `$states`. */
export type StatesField = 'input' | 'result' | 'errorOutput' | 'context';
export const STATES_FIELDS: readonly StatesField[] = ['input', 'result', 'errorOutput', 'context'];

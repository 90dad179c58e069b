const comparisons = ['Equals', 'LessThan', 'GreaterThan', 'LessThanEquals', 'GreaterThanEquals'];

/** The JSONPath Choice comparison operators: 39 comparisons and six type tests. */
export const CHOICE_OPERATORS: ReadonlySet<string> = new Set([
  ...['String', 'Numeric', 'Timestamp'].flatMap((type) => comparisons.flatMap((op) => [`${type}${op}`, `${type}${op}Path`])),
  'BooleanEquals',
  'BooleanEqualsPath',
  'StringMatches',
  'IsNull',
  'IsPresent',
  'IsNumeric',
  'IsString',
  'IsBoolean',
  'IsTimestamp',
]);

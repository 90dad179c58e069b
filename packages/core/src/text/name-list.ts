/** Quoted names for a message, the first `shown` of them, and a count of the rest. */
export function listNames(names: readonly string[], shown: number): string {
  const listed = names.slice(0, shown).map((name) => JSON.stringify(name)).join(', ');
  return names.length > shown ? `${listed} and ${names.length - shown} more` : listed;
}

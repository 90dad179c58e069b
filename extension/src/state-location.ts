/**
 * Where a state's name is written as a key in a definition's text: the offsets of the name,
 * or undefined. Used to reveal a state clicked in the graph when the server offers no
 * document symbols. The first match wins, as state names are unique within their scope
 * and a name used in two scopes is ambiguous anyway.
 */
export function findStateKey(text: string, state: string, yaml: boolean): { start: number; end: number } | undefined {
  const escaped = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const json = escaped(JSON.stringify(state));
  const patterns = yaml
    ? [new RegExp(`^[ \\t]*(${json}|'${escaped(state.replace(/'/g, "''"))}'|${escaped(state)})[ \\t]*:(?:[ \\t]|$)`, 'm')]
    : [new RegExp(`(${json})\\s*:`)];
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (match) {
      const start = match.index + match[0].indexOf(match[1]);
      return { start, end: start + match[1].length };
    }
  }
  return undefined;
}

/** `1 error`, `2 errors`; `info` is a mass noun and stays as it is. */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 || word === 'info' ? '' : 's'}`;
}

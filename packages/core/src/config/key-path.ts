/** A key path as people write it: `rules.no-dupe-key`, `overrides[0].files[1]`, `settings["odd key"]`. */
export function formatKeyPath(path: readonly (string | number)[]): string {
  let text = '';
  for (const step of path) {
    if (typeof step === 'number') text += `[${step}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(step)) text += text === '' ? step : `.${step}`;
    else text += `[${JSON.stringify(step)}]`;
  }
  return text;
}

/**
 * A JSON Pointer (`/overrides/0/files`) as a key path, with array positions as numbers.
 * `value` is the data the pointer points into: it tells an index from a key named "0".
 */
export function pointerToPath(pointer: string, value: unknown): (string | number)[] {
  if (pointer === '') return [];
  const path: (string | number)[] = [];
  let current = value;
  for (const raw of pointer.slice(1).split('/')) {
    const step = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) {
      path.push(Number(step));
      current = current[Number(step)];
    } else {
      path.push(step);
      current = current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[step] : undefined;
    }
  }
  return path;
}

/** The value at a key path, undefined when a step is missing. */
export function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
  let current = value;
  for (const step of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = Object.hasOwn(current, step) ? (current as Record<string | number, unknown>)[step] : undefined;
  }
  return current;
}

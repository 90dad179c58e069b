import { describe, expect, it } from 'vitest';
import { findStateKey } from '../src/state-location.js';

function keyText(text: string, state: string, yaml: boolean): string | undefined {
  const found = findStateKey(text, state, yaml);
  return found && text.slice(found.start, found.end);
}

describe('findStateKey', () => {
  it('finds a state’s key in JSON, not a transition naming it', () => {
    const text = '{\n  "StartAt": "Charge card",\n  "States": {\n    "Charge card": { "Type": "Succeed" }\n  }\n}';
    const found = findStateKey(text, 'Charge card', false)!;
    expect(found.start).toBe(text.indexOf('"Charge card": {'));
    expect(keyText(text, 'Charge card', false)).toBe('"Charge card"');
  });

  it('finds JSON keys with escapes, and YAML keys plain or quoted', () => {
    expect(keyText('{"States": {"Say \\"hi\\"": {}}}', 'Say "hi"', false)).toBe('"Say \\"hi\\""');
    const yaml = "StartAt: Charge card\nStates:\n  Charge card:\n    Type: Task\n  'It''s done':\n    Type: Succeed\n  \"Fan (out)\":\n    Type: Parallel\n";
    expect(findStateKey(yaml, 'Charge card', true)!.start).toBe(yaml.indexOf('Charge card:'));
    expect(keyText(yaml, "It's done", true)).toBe("'It''s done'");
    expect(keyText(yaml, 'Fan (out)', true)).toBe('"Fan (out)"');
  });

  it('finds nothing for a name that is not a key', () => {
    expect(findStateKey('{"StartAt": "A", "States": {}}', 'A', false)).toBeUndefined();
    expect(findStateKey('StartAt: A\nStates: {}\n', 'A', true)).toBeUndefined();
  });
});

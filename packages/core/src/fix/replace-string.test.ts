import { describe, expect, it } from 'vitest';
import { parseDocument } from '../document/document.js';
import { nodeAt, toValue } from '../document/node-access.js';
import { applyEdits } from './apply.js';
import { replaceString } from './edits.js';

function replaced(file: string, text: string, path: (string | number)[], value: string): string | undefined {
  const document = parseDocument(file, text);
  const edits = replaceString(document, nodeAt(document.roots[0], path)!, value);
  return edits && applyEdits(text, edits);
}

describe('replaceString', () => {
  it('writes a JSON string with the escapes it needs', () => {
    const text = '{ "Next": "Done", "Type": "Pass" }';
    expect(replaced('m.asl.json', text, ['Next'], 'All "done"')).toBe('{ "Next": "All \\"done\\"", "Type": "Pass" }');
  });

  it('keeps a YAML scalar plain, single- or double-quoted as written', () => {
    expect(replaced('m.asl.yaml', 'Next: Done\n', ['Next'], 'Finished')).toBe('Next: Finished\n');
    expect(replaced('m.asl.yaml', "Next: 'Done'\n", ['Next'], "It's done")).toBe("Next: 'It''s done'\n");
    expect(replaced('m.asl.yaml', 'Next: "Done"\n', ['Next'], 'Fin')).toBe('Next: "Fin"\n');
  });

  it('quotes a YAML value that would otherwise read as something else', () => {
    const result = replaced('m.asl.yaml', 'Next: Done\nEnd: x\n', ['Next'], 'yes: no')!;
    expect(toValue(parseDocument('m.asl.yaml', result).roots[0])).toEqual({ Next: 'yes: no', End: 'x' });
  });

  it('refuses what it cannot edit in place: a block scalar, a number', () => {
    expect(replaced('m.asl.yaml', 'Comment: |\n  text\nNext: A\n', ['Comment'], 'other')).toBeUndefined();
    expect(replaced('m.asl.json', '{ "Next": 3 }', ['Next'], 'A')).toBeUndefined();
  });
});

import type { Fix, TextEdit } from '../diagnostic.js';

function isUsable(edit: TextEdit, length: number): boolean {
  const { start, end } = edit.range;
  return Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= length;
}

/** Edits by start, then end, so that an insertion comes before a replacement at the same offset. */
function sorted(edits: readonly TextEdit[]): TextEdit[] {
  return edits
    .map((edit, order) => ({ edit, order }))
    .sort((a, b) => a.edit.range.start - b.edit.range.start || a.edit.range.end - b.edit.range.end || a.order - b.order)
    .map(({ edit }) => edit);
}

/**
 * Applies text edits whose offsets refer to `text` and returns the new text. The edits are
 * applied in order of their start offset (insertions at the same offset in the order
 * given). An edit that overlaps one applied before it in that order is ignored rather
 * than thrown: two fixes touching the same text cannot both be right, and the first is
 * kept. Insertions at the boundary of a replacement do not overlap it. Edits whose range
 * falls outside the text are ignored too.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let result = '';
  let last = 0;
  for (const edit of sorted(edits)) {
    if (!isUsable(edit, text.length) || edit.range.start < last) continue;
    result += text.slice(last, edit.range.start) + edit.text;
    last = edit.range.end;
  }
  return result + text.slice(last);
}

export interface AppliedFixes {
  readonly text: string;
  /** The fixes applied, in the order given. */
  readonly applied: readonly Fix[];
  /** The fixes left out because one of their edits overlaps an applied fix or is out of range. */
  readonly skipped: readonly Fix[];
}

/**
 * Applies whole fixes: each fix's edits go in together or not at all. Fixes are taken in
 * the order given, and a fix that touches text an earlier fix already changed is
 * skipped; linting the result again and fixing once more picks it up, as ESLint does.
 */
export function applyFixes(text: string, fixes: readonly Fix[]): AppliedFixes {
  const taken: TextEdit[] = [];
  const applied: Fix[] = [];
  const skipped: Fix[] = [];
  // Between fixes, two insertions at one offset would depend on the order of the fixes;
  // within one fix the order given is meant. An insertion inside a replacement is lost.
  const overlaps = (a: TextEdit, b: TextEdit, sameFix: boolean): boolean => {
    const aEmpty = a.range.start === a.range.end;
    const bEmpty = b.range.start === b.range.end;
    if (aEmpty && bEmpty) return !sameFix && a.range.start === b.range.start;
    if (aEmpty) return b.range.start < a.range.start && a.range.start < b.range.end;
    if (bEmpty) return a.range.start < b.range.start && b.range.start < a.range.end;
    return a.range.start < b.range.end && b.range.start < a.range.end;
  };
  for (const fix of fixes) {
    const edits = fix.edits;
    const ok =
      edits.every((edit) => isUsable(edit, text.length)) &&
      edits.every((edit, i) => edits.every((other, j) => i === j || !overlaps(edit, other, true))) &&
      edits.every((edit) => taken.every((other) => !overlaps(edit, other, false)));
    if (ok) {
      taken.push(...edits);
      applied.push(fix);
    } else {
      skipped.push(fix);
    }
  }
  return { text: applyEdits(text, taken), applied, skipped };
}

/** 1-based line and column, as people and formatters count them. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/**
 * Offset ↔ line/column mapping for one text. Built on first use: most files produce
 * no diagnostic and never need it. Columns count UTF-16 code units, as editors do.
 */
export class LineMap {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  private lineStarts(): number[] {
    if (this.starts) return this.starts;
    const starts = [0];
    const text = this.text;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
    return starts;
  }

  /** 0-based line and column of an offset. */
  zeroBased(offset: number): { line: number; character: number } {
    const starts = this.lineStarts();
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - starts[low] };
  }

  /** 1-based line and column of an offset. */
  position(offset: number): Position {
    const { line, character } = this.zeroBased(offset);
    return { line: line + 1, column: character + 1 };
  }

  /** Offset of a 0-based line and character. */
  offsetAt(line: number, character: number): number {
    const starts = this.lineStarts();
    if (line >= starts.length) return this.text.length;
    if (line < 0) return 0;
    return Math.min(starts[line] + character, this.text.length);
  }
}

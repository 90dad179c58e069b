export interface SoakMemory {
  readonly heapUsed: number;
  readonly heapTotal: number;
  readonly external: number;
  readonly rss: number;
  readonly cpuMs: number;
  readonly documents: number;
}

export interface SoakResult {
  readonly edits: number;
  readonly answered: number;
  readonly seconds: number;
  /** Memory after the warm-up edits and at the end, each after a collection. */
  readonly warm: SoakMemory;
  readonly end: SoakMemory;
  readonly exitCode: number | null;
  readonly stderr: string;
}

export function runSoak(options?: { edits?: number; documents?: number; seed?: number; warmup?: number; log?: (line: string) => void }): Promise<SoakResult>;

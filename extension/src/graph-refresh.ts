import type { StateGraphResult, ToWebview } from './protocol.js';

export interface GraphRefreshOptions {
  /** Asks the server for the graph of the document shown. */
  fetchGraph(): Promise<StateGraphResult>;
  /** Sends the page what to show. */
  show(message: ToWebview): void;
  /** The title of the page: the document's file name. */
  title(): string;
  /** How long the document must stay unchanged before the graph is asked for again. */
  delayMs?: number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export const NO_MACHINE_NOTICE = 'This file holds no state machine that sfn-lint can draw.';

/**
 * Keeps the graph page in step with its document: one request after each pause in typing,
 * and only the answer to the latest request is shown, so a slow answer never overwrites a
 * newer one.
 */
export class GraphRefresh {
  private timer: unknown;
  private latest = 0;
  private disposed = false;
  private readonly delayMs: number;
  private readonly setTimer: (callback: () => void, ms: number) => unknown;
  private readonly clearTimer: (timer: unknown) => void;

  constructor(private readonly options: GraphRefreshOptions) {
    this.delayMs = options.delayMs ?? 300;
    this.setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
    this.clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  }

  /** The document changed: refresh once it has been still for the delay. */
  schedule(): void {
    if (this.disposed) return;
    if (this.timer !== undefined) this.clearTimer(this.timer);
    this.timer = this.setTimer(() => {
      this.timer = undefined;
      void this.refresh();
    }, this.delayMs);
  }

  async refresh(): Promise<void> {
    if (this.disposed) return;
    const request = ++this.latest;
    let message: ToWebview;
    try {
      const result = await this.options.fetchGraph();
      message = result
        ? { type: 'graph', title: this.options.title(), mermaid: result.mermaid }
        : { type: 'notice', title: this.options.title(), text: NO_MACHINE_NOTICE };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      message = { type: 'notice', title: this.options.title(), text: `No graph: ${reason}` };
    }
    if (request === this.latest && !this.disposed) this.options.show(message);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) this.clearTimer(this.timer);
    this.timer = undefined;
  }
}

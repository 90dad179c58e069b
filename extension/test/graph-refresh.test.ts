import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GraphRefresh, NO_MACHINE_NOTICE } from '../src/graph-refresh.js';
import type { StateGraphResult, ToWebview } from '../src/protocol.js';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe('GraphRefresh', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup(fetchGraph: () => Promise<StateGraphResult>) {
    const shown: ToWebview[] = [];
    const fetch = vi.fn(fetchGraph);
    const refresh = new GraphRefresh({ fetchGraph: fetch, show: (message) => shown.push(message), title: () => 'flow.asl.json', delayMs: 300 });
    return { refresh, fetch, shown };
  }

  it('asks once after the typing stops', async () => {
    const { refresh, fetch, shown } = setup(async () => ({ mermaid: 'flowchart TD\n  a --> b' }));
    for (let key = 0; key < 5; key++) {
      refresh.schedule();
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(fetch).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(300);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(shown).toEqual([{ type: 'graph', title: 'flow.asl.json', mermaid: 'flowchart TD\n  a --> b' }]);
  });

  it('shows only the latest answer when an earlier one arrives late', async () => {
    const answers = [deferred<StateGraphResult>(), deferred<StateGraphResult>()];
    let call = 0;
    const { refresh, shown } = setup(() => answers[call++].promise);
    const first = refresh.refresh();
    const second = refresh.refresh();
    answers[1].resolve({ mermaid: 'new' });
    await second;
    answers[0].resolve({ mermaid: 'old' });
    await first;
    expect(shown.map((message) => message.type === 'graph' && message.mermaid)).toEqual(['new']);
  });

  it('says so when the file holds no state machine, or the server fails', async () => {
    let fail = false;
    const { refresh, shown } = setup(async () => {
      if (fail) throw new Error('Unhandled method sfnLint/stateGraph');
      return null;
    });
    await refresh.refresh();
    fail = true;
    await refresh.refresh();
    expect(shown).toEqual([
      { type: 'notice', title: 'flow.asl.json', text: NO_MACHINE_NOTICE },
      { type: 'notice', title: 'flow.asl.json', text: 'No graph: Unhandled method sfnLint/stateGraph' },
    ]);
  });

  it('does nothing once disposed', async () => {
    const answer = deferred<StateGraphResult>();
    const { refresh, fetch, shown } = setup(() => answer.promise);
    const pending = refresh.refresh();
    refresh.schedule();
    refresh.dispose();
    answer.resolve({ mermaid: 'late' });
    await pending;
    await vi.advanceTimersByTimeAsync(1000);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(shown).toEqual([]);
  });
});

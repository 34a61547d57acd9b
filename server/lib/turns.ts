// Computations that take milliseconds (quality figures, searches, burn-downs) each wait for their
// own turn of the event loop. With SQLite every query of a request settles without going back to
// the loop, so a request asking for fifteen of them would otherwise hold the process, /healthz
// included, until the last one is done. Taking turns lets the loop answer in between.

let previous: Promise<void> = Promise.resolve();

/**
 * Resolves once every computation that asked before has had its turn, on a later turn of the
 * event loop. Await it right before the work.
 */
export function cpuTurn(): Promise<void> {
  const mine = previous.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
  previous = mine;
  return mine;
}

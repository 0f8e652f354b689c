/**
 * Disposing many things at once without one failure hiding the others or keeping the rest alive:
 * every item is disposed even when some throw, and then every failure comes back in one error.
 * src/host/disposable.ts adapts this for VS Code's disposables.
 */

/** Anything with a dispose(), such as a vscode.Disposable. */
export interface DisposableLike {
  dispose(): unknown;
}

/** Every failure of one disposal, in order; failures of nested disposals are flattened in. */
export class DisposeError extends AggregateError {
  constructor(errors: unknown[]) {
    super(errors, `${errors.length === 1 ? 'A disposer' : `${errors.length} disposers`} failed: ${errors.map(messageOf).join('; ')}`);
    this.name = 'DisposeError';
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Disposes each item in order; then, if any threw, throws one DisposeError holding every failure. */
export function disposeAll(items: Iterable<DisposableLike>): void {
  const errors: unknown[] = [];
  for (const item of items) {
    try {
      item.dispose();
    } catch (error) {
      // An owner that disposed its own items reports theirs: list the failures, not the owner.
      if (error instanceof DisposeError) errors.push(...(error.errors as unknown[]));
      else errors.push(error);
    }
  }
  if (errors.length > 0) throw new DisposeError(errors);
}

/**
 * disposeAll where a throw would reach nobody who can act on it (VS Code's deactivation, an event
 * handler): the failures go to `report` instead.
 */
export function disposeAllReporting(items: Iterable<DisposableLike>, report: (error: DisposeError) => void): void {
  try {
    disposeAll(items);
  } catch (error) {
    if (!(error instanceof DisposeError)) throw error;
    report(error);
  }
}

/** A log entry for a failed disposal: how many failed, then each failure with its stack. */
export function describeDisposeError(error: DisposeError): string {
  const failures = (error.errors as unknown[]).map((e) => (e instanceof Error ? e.stack ?? e.message : String(e)));
  return [`${failures.length === 1 ? 'A disposer' : `${failures.length} disposers`} failed:`, ...failures].join('\n');
}

import type * as vscode from 'vscode';
import type { DisposableLike } from '../common/disposeAll';
import { describeDisposeError, disposeAll, disposeAllReporting } from '../common/disposeAll';
import type { Log } from './log';

/**
 * Base for objects that own listeners, emitters and watchers: everything created is registered
 * and disposed together, and `isDisposed` lets async work notice it is stale after an await.
 * A failing disposer does not keep the others alive, and is not swallowed either: dispose()
 * throws a DisposeError with every failure once all are disposed.
 */
export abstract class Disposable implements vscode.Disposable {
  private readonly owned: vscode.Disposable[] = [];
  private disposed = false;

  protected register<T extends vscode.Disposable>(item: T): T {
    if (this.disposed) item.dispose();
    else this.owned.push(item);
    return item;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    // Newest first: what was registered later may still use what came before it.
    disposeAll(this.owned.splice(0).reverse());
  }
}

/**
 * The list for everything the extension owns. VS Code disposes `subscriptions` on deactivation and
 * would print a failure only to its own console; this disposes the list newest first, writes every
 * failure to the extension's log, and closes the log last so the report lands.
 */
export function ownedUntilDeactivation(subscriptions: DisposableLike[], log: Log): DisposableLike[] {
  const owned: DisposableLike[] = [];
  subscriptions.push({
    dispose: () => {
      disposeAllReporting(owned.splice(0).reverse(), (error) => log.error(describeDisposeError(error)));
      log.dispose();
    },
  });
  return owned;
}

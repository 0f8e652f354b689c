import type * as vscode from 'vscode';

/**
 * Base for objects that own listeners, emitters and watchers: everything created is registered
 * and disposed together, and `isDisposed` lets async work notice it is stale after an await.
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
    for (const item of this.owned.splice(0).reverse()) {
      try {
        item.dispose();
      } catch {
        // one failing disposer must not keep the others alive
      }
    }
  }
}

import * as vscode from 'vscode';
import { parseWebviewMessage } from '../common/protocol';
import type { HostToWebview, WebviewToHost } from '../common/protocol';
import { disposeAllReporting } from '../common/disposeAll';
import { Disposable } from './disposable';
import { chatHtml, chatResourceRoots } from './webviewHtml';

/** What the view needs from the chat: a state replay and a handler for validated messages. */
export interface ChatViewModel {
  /** Called on every `ready`: the view was (re)built and needs the whole state. */
  replay(): HostToWebview;
  handle(message: WebviewToHost): void | Promise<void>;
}

/**
 * The sidebar chat's WebviewViewProvider: HTML with a strict CSP, the ready handshake, and
 * validated message routing. `resolveWebviewView` may run again whenever the view is moved or
 * re-created; the previous view's listeners are disposed and the chat session lives on in the
 * host, so nothing is lost.
 */
export class ChatViewProvider extends Disposable implements vscode.WebviewViewProvider {
  private view: vscode.WebviewView | undefined;
  private viewListeners: vscode.Disposable[] = [];
  private ready = false;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly model: ChatViewModel,
    private readonly onError: (error: unknown) => void,
  ) {
    super();
    this.register({ dispose: () => this.disposeViewListeners() });
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.disposeViewListeners();
    this.view = view;
    this.ready = false;
    view.webview.options = { enableScripts: true, localResourceRoots: chatResourceRoots(this.extensionUri) };
    view.webview.html = chatHtml(view.webview, this.extensionUri);
    this.viewListeners.push(
      view.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      // A hidden webview is torn down and rebuilt when shown again; it says `ready` once more.
      view.onDidChangeVisibility(() => {
        if (!view.visible) this.ready = false;
      }),
      view.onDidDispose(() => {
        if (this.view === view) {
          this.view = undefined;
          this.ready = false;
        }
        this.disposeViewListeners();
      }),
    );
  }

  /** Posts to the view when it can listen; a hidden or unbuilt view catches up on `ready`. */
  post(message: HostToWebview): void {
    if (!this.view || !this.ready) return;
    void this.view.webview.postMessage(message).then(undefined, () => undefined);
  }

  get isVisible(): boolean {
    return this.view?.visible ?? false;
  }

  /** A view is built, shown and has said `ready`: what is posted now is seen. */
  get isListening(): boolean {
    return this.view !== undefined && this.ready && this.view.visible;
  }

  /** Reveals the chat view (opening the sidebar if needed). */
  async reveal(): Promise<void> {
    if (this.view) this.view.show(true);
    else await vscode.commands.executeCommand('claudeMessages.chat.focus');
  }

  private receive(raw: unknown): void {
    const message = parseWebviewMessage(raw);
    if (!message) return;
    if (message.type === 'ready') {
      this.ready = true;
      this.post(this.model.replay());
      return;
    }
    try {
      const pending = this.model.handle(message);
      if (pending) pending.catch(this.onError);
    } catch (error) {
      this.onError(error);
    }
  }

  private disposeViewListeners(): void {
    // Called from VS Code's events and while resolving a new view, where a throw would only get
    // in the way: dispose them all and report what failed.
    disposeAllReporting(this.viewListeners.splice(0), this.onError);
  }
}

import * as vscode from 'vscode';

/**
 * The extension's output channel. Every line passes through `redact`, so a key that slipped into
 * an error text from a gateway never reaches the log.
 */
export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Claude Messages', { log: true });
  private secrets: string[] = [];

  /** Strings that must never be written (the current API key). */
  setSecrets(values: Array<string | undefined>): void {
    this.secrets = values.filter((v): v is string => Boolean(v && v.length >= 8));
  }

  private redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join('[redacted]');
    return out;
  }

  info(message: string): void {
    this.channel.info(this.redact(message));
  }
  warn(message: string): void {
    this.channel.warn(this.redact(message));
  }
  error(message: string): void {
    this.channel.error(this.redact(message));
  }
  show(): void {
    this.channel.show(true);
  }
  dispose(): void {
    this.channel.dispose();
  }
}

import * as vscode from 'vscode';
import { buildAttachment, buildSelectionAttachment, type AttachLimits } from '../../common/attachments/build';
import { ContextMeter } from '../../common/attachments/contextMeter';
import { rankPaths } from '../../common/attachments/fuzzy';
import type { Attachment } from '../../common/attachments/types';
import type { MessagesRequest } from '../../common/anthropic/types';
import type { ChatSession } from '../../common/chat/chatSession';
import type { EditorContext } from '../../common/conversation/contextBlocks';
import type { AttachmentChip, ContextMeterState, HostToWebview, WebviewToHost } from '../../common/protocol';
import { Disposable } from '../disposable';
import { readSettings } from '../settings';
import { openAttachment, openCitation } from './openers';
import { WorkspaceFileIndex } from './fileIndex';
import { WorkspaceFileReader, type AttachOutcome } from './fileReader';
import { pickWorkspaceFiles } from './quickPick';

/** How many `@` suggestions the view gets. */
const SUGGESTIONS = 30;

/** Where an attach request came from: a command (the view may be hidden) or the view itself. */
export type AttachOrigin = 'command' | 'view';

/** What Add File to Chat did (returned to `executeCommand` callers, such as the tests). */
export interface AttachReport {
  attached: AttachmentChip[];
  problems: string[];
}

const ATTACHMENT_KINDS = ['pickFiles', 'attachPath', 'attachUris', 'attachData', 'removeAttachment', 'openAttachment', 'queryFiles', 'draftChanged', 'openCitation', 'thumbnail'] as const;
/** The view messages this host handles: attaching, the `@` list, the meter, citations, thumbnails. */
export type AttachmentMessage = Extract<WebviewToHost, { type: (typeof ATTACHMENT_KINDS)[number] }>;

export function isAttachmentMessage(message: WebviewToHost): message is AttachmentMessage {
  return ATTACHMENT_KINDS.some((kind) => kind === message.type);
}

export interface AttachmentHostOptions {
  session: ChatSession;
  post: (message: HostToWebview) => void;
  newId: () => string;
  /** `count_tokens` for the meter; rejects when the endpoint or key cannot answer. */
  countTokens: (body: MessagesRequest, signal: AbortSignal) => Promise<number>;
  contextWindow: () => number;
  /** Whether a chat view is built and listening (the meter counts only then). */
  viewShown: () => boolean;
}

/** The limits from the settings, read per attach so a change applies at once. */
function attachLimits(): AttachLimits {
  const settings = readSettings();
  return { maxBytes: settings.attachments.maxBytes, maxChars: settings.contextFileMaxChars, citations: settings.attachments.citations };
}

/**
 * The host side of attachments: reads files into the session's pending list, answers the view's
 * attach / remove / open / `@` query / citation messages, and runs the token meter. Refusals are
 * posted to the view as warning notices; when the request came from a command they are also shown
 * as a VS Code warning, since the chat view may be hidden.
 */
export class AttachmentHost extends Disposable {
  private readonly index: WorkspaceFileIndex;
  private readonly reader: WorkspaceFileReader;
  readonly meter: ContextMeter;
  private latestMeter: ContextMeterState | undefined;

  constructor(private readonly options: AttachmentHostOptions) {
    super();
    this.index = this.register(new WorkspaceFileIndex());
    this.reader = new WorkspaceFileReader(this.index, attachLimits, options.newId);
    this.meter = new ContextMeter({
      body: (draft) => options.session.draftBody(draft),
      count: (body, signal) => options.countTokens(body, signal),
      contextWindow: options.contextWindow,
      publish: (meter) => {
        this.latestMeter = meter;
        options.post({ type: 'contextMeter', meter });
      },
      timer: { set: (fn, ms) => setTimeout(fn, ms), clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>) },
      busy: () => options.session.isBusy,
      unseen: () => !options.viewShown(),
    });
    this.register({ dispose: () => this.meter.dispose() });
  }

  /** The meter's latest figure, for the view's init after a reload or a move. */
  get lastMeter(): ContextMeterState | undefined {
    return this.latestMeter;
  }

  /** Attaches files or folders (explorer, editor title, a drop); reports what was refused. */
  async attachUris(uris: readonly vscode.Uri[], origin: AttachOrigin): Promise<AttachReport> {
    return this.apply(await this.reader.readUris(uris), origin);
  }

  /** The quick pick of workspace files (fuzzy, multi-select, the active file first). */
  async pickAndAttach(origin: AttachOrigin): Promise<AttachReport> {
    const paths = await pickWorkspaceFiles(await this.index.list(), activePath());
    if (!paths || paths.length === 0) return { attached: [], problems: [] };
    return this.apply(await this.reader.readPaths(paths), origin);
  }

  /** The selection (file, language, line range) as a text attachment; nothing is sent. */
  attachSelection(context: EditorContext, origin: AttachOrigin): AttachReport {
    const result = buildSelectionAttachment(this.options.newId(), { path: context.path, language: context.language, ...context.selection }, attachLimits());
    return this.apply(result.ok ? { attachments: [result.attachment], problems: [] } : { attachments: [], problems: [result.message] }, origin);
  }

  async handle(message: AttachmentMessage): Promise<void> {
    const { session } = this.options;
    switch (message.type) {
      case 'pickFiles':
        await this.pickAndAttach('view');
        return;
      case 'attachPath':
        this.apply(await this.reader.readPaths([message.path]), 'view');
        return;
      case 'attachUris':
        await this.attachUriStrings(message.uris);
        return;
      case 'attachData':
        this.attachData(message);
        return;
      case 'thumbnail':
        session.attachments.setThumbnail(message.id, message.thumbnail);
        return;
      case 'removeAttachment':
        session.attachments.remove(message.id);
        this.meter.refresh();
        return;
      case 'openAttachment':
        return this.report(await openAttachment(session, message.id), 'view');
      case 'queryFiles':
        this.options.post({ type: 'fileSuggestions', query: message.query, paths: rankPaths(await this.index.list(), message.query, { activePath: activePath(), limit: SUGGESTIONS }) });
        return;
      case 'draftChanged':
        this.meter.update(message.text);
        return;
      case 'openCitation':
        return this.report(await openCitation(session, message), 'view');
    }
  }

  private async attachUriStrings(values: readonly string[]): Promise<void> {
    const uris: vscode.Uri[] = [];
    const problems: string[] = [];
    for (const value of values) {
      const uri = droppedUri(value);
      if (uri) uris.push(uri);
      else problems.push(`${value.slice(0, 200)} is not a workspace file, so it was not attached.`);
    }
    const outcome = await this.reader.readUris(uris);
    this.apply({ attachments: outcome.attachments, problems: [...problems, ...outcome.problems] }, 'view');
  }

  /** Pasted or dropped bytes: classified by their content; the view's media type is only a hint. */
  private attachData(message: Extract<WebviewToHost, { type: 'attachData' }>): void {
    const bytes = Buffer.from(message.base64, 'base64');
    const asImage = message.mediaType.startsWith('image/');
    const name = message.name;
    const result = buildAttachment(this.options.newId(), { name, bytes, asImage, note: message.note }, attachLimits());
    // An image too large to be its own thumbnail gets the preview the view drew, if it sent one.
    if (result.ok && result.attachment.chip.kind === 'image' && !result.attachment.chip.thumbnail && message.thumbnail) {
      result.attachment.chip.thumbnail = message.thumbnail;
    }
    this.apply(result.ok ? { attachments: [result.attachment], problems: [] } : { attachments: [], problems: [result.message] }, 'view');
  }

  private apply(outcome: AttachOutcome, origin: AttachOrigin): AttachReport {
    const attachments: Attachment[] = outcome.attachments;
    this.options.session.attachments.add(attachments);
    for (const attachment of attachments) this.askForThumbnail(attachment);
    if (attachments.length > 0) this.meter.refresh();
    this.report(outcome.problems, origin);
    return { attached: attachments.map((a) => a.chip), problems: outcome.problems };
  }

  /** An image without a thumbnail of its own: the view draws one from the image itself. */
  private askForThumbnail(attachment: Attachment): void {
    const { block, chip } = attachment;
    if (chip.kind !== 'image' || chip.thumbnail || block.type !== 'image' || block.source.type !== 'base64') return;
    this.options.post({ type: 'drawThumbnail', id: chip.id, dataUri: `data:${block.source.media_type};base64,${block.source.data}` });
  }

  private report(problems: readonly string[] | string | undefined, origin: AttachOrigin): void {
    const list = problems === undefined ? [] : typeof problems === 'string' ? [problems] : problems;
    for (const message of list) this.options.post({ type: 'notice', level: 'warning', message });
    if (origin === 'command' && list.length > 0) void vscode.window.showWarningMessage(`Claude Messages: ${list.join(' ')}`);
  }
}

/**
 * A URI dropped on the view, as the extension host can read it: `file:` as is; a remote window's
 * `vscode-remote:` address of a file of this (file-based) workspace as that file; another scheme
 * only when a workspace folder has it. Whether the file lies inside the workspace is checked when
 * it is read.
 */
function droppedUri(value: string): vscode.Uri | undefined {
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(value, true);
  } catch {
    return undefined;
  }
  if (uri.scheme === 'file') return uri;
  if (uri.scheme === 'vscode-remote') return vscode.Uri.file(uri.path);
  return vscode.workspace.getWorkspaceFolder(uri) ? uri : undefined;
}

/** The active editor's file as the file list spells it. */
function activePath(): string | undefined {
  const uri = vscode.window.activeTextEditor?.document.uri;
  if (!uri || uri.scheme === 'untitled') return undefined;
  return vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders ?? []).length > 1);
}

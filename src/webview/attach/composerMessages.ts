/**
 * The host messages that only the composer acts on: its attachment chips, the `@` list's answer,
 * the token meter, drawing a chip's thumbnail (which the host cannot decode), and the caret.
 */
import type { HostToWebview, WebviewToHost } from '../../common/protocol';
import type { Composer } from '../render/composer';
import { thumbnailFromDataUri } from './images';
import type { ImageWindow } from './images';

const COMPOSER_KINDS = ['attachments', 'fileSuggestions', 'contextMeter', 'drawThumbnail', 'focusPrompt'] as const;
export type ComposerMessage = Extract<HostToWebview, { type: (typeof COMPOSER_KINDS)[number] }>;

export function isComposerMessage(message: HostToWebview): message is ComposerMessage {
  return COMPOSER_KINDS.some((kind) => kind === message.type);
}

export interface ComposerMessagePorts {
  win: ImageWindow & { atob(data: string): string };
  post(message: WebviewToHost): void;
}

export function applyComposerMessage(composer: Composer, message: ComposerMessage, ports: ComposerMessagePorts): void {
  switch (message.type) {
    case 'attachments':
      return composer.setAttachments(message.items);
    case 'fileSuggestions':
      return composer.showSuggestions(message.query, message.paths);
    case 'contextMeter':
      return composer.setMeter(message.meter);
    case 'focusPrompt':
      return composer.prompt.focus();
    case 'drawThumbnail':
      void thumbnailFromDataUri(ports.win, message.dataUri).then((thumbnail) => {
        if (thumbnail) ports.post({ type: 'thumbnail', id: message.id, thumbnail });
      });
  }
}

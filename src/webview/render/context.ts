import type { UiStore } from '../uiState';
import type { MarkdownRenderer } from './markdown';

/** What every view needs to draw: the document, the markdown renderer and the UI state. */
export interface RenderContext {
  doc: Document;
  md: MarkdownRenderer;
  ui: UiStore;
}

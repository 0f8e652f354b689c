import type { UiStore } from '../uiState';
import type { MarkdownRenderer } from './markdown';
import type { RenderSlice } from './slice';

/** What every view needs to draw: the document, the markdown renderer and the UI state. */
export interface RenderContext {
  doc: Document;
  md: MarkdownRenderer;
  ui: UiStore;
  /** The current draw's time budget (long text is drawn over several frames); none: draw whole. */
  slice?: RenderSlice;
}

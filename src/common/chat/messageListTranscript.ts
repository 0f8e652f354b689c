/**
 * A transcript that is just a list of API messages, for turns nobody watches block by block (the
 * inline edit): finished replies and tool results are appended, the streamed text is reported.
 */
import type { Container, MessageParam, ToolResultBlock } from '../anthropic/types';
import { containerOf } from '../conversation/container';
import type { ReplySink, TurnTranscript } from './turnEngine';

export class MessageListTranscript implements TurnTranscript {
  private readonly list: MessageParam[];
  private lastContainer: Container | undefined;

  /**
   * @param first the messages the turn starts from (the user turn last)
   * @param onText the text of the reply streaming now, as far as it has arrived
   */
  constructor(first: readonly MessageParam[], private readonly onText?: (textSoFar: string) => void) {
    this.list = [...first];
  }

  messages(): MessageParam[] {
    return [...this.list];
  }

  startReply(): ReplySink {
    let text = '';
    return {
      onEvent: (event) => {
        if (event.type !== 'content_block_delta' || event.delta.type !== 'text_delta' || !this.onText) return;
        text += event.delta.text;
        this.onText(text);
      },
      finish: (outcome) => {
        // Only a complete reply belongs in the history: a paused one is continued from it.
        if (outcome.kind !== 'complete') return;
        this.list.push({ role: 'assistant', content: outcome.message.content });
        this.lastContainer = containerOf(outcome.message.container) ?? this.lastContainer;
      },
    };
  }

  addToolResults(results: ToolResultBlock[]): void {
    this.list.push({ role: 'user', content: results });
  }

  container(): Container | undefined {
    return this.lastContainer;
  }
}

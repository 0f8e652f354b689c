/**
 * What the person can do to turns already in the open conversation: retry a failed reply,
 * regenerate the last reply, edit a question and send it again. Each changes the history through
 * `../conversation/versions.ts` (earlier replies become versions, never lost; an edit drops the
 * turns after the question), redraws the view, then runs the request through the session.
 */
import type { Conversation } from '../conversation/model';
import { editQuestion, regenerateReply, retryFailedReply } from '../conversation/versions';

/** What the actions need from the chat session. */
export interface TurnActionsHost {
  conversation(): Conversation;
  /** A reply is streaming: no action changes the history meanwhile. */
  busy(): boolean;
  now(): number;
  /** Redraws the whole conversation (turns were moved or dropped, not only changed). */
  redraw(): void;
  info(message: string): void;
  /** Runs the request for the conversation as it now stands; settles when the reply has ended. */
  run(): Promise<void>;
}

const WAIT = 'Wait for the current reply to finish, or stop it first.';

export class TurnActions {
  constructor(private readonly host: TurnActionsHost) {}

  /** Asks again after an error: the failed reply becomes an earlier version of the new one. */
  async retry(): Promise<void> {
    if (this.host.busy()) return;
    if (!retryFailedReply(this.host.conversation(), this.host.now())) return;
    this.host.redraw();
    await this.host.run();
  }

  /** Asks the last question again: the reply `turnId` (the last, ended) becomes an earlier version. */
  async regenerate(turnId: string): Promise<void> {
    if (this.host.busy()) return this.host.info(WAIT);
    if (!regenerateReply(this.host.conversation(), turnId, this.host.now())) {
      return this.host.info('Only the last reply can be regenerated, once it has ended.');
    }
    this.host.redraw();
    await this.host.run();
  }

  /** Replaces the text of question `turnId`, drops the turns after it, and sends it. */
  async editAndResend(turnId: string, text: string): Promise<void> {
    if (this.host.busy()) return this.host.info(WAIT);
    if (!editQuestion(this.host.conversation(), turnId, text, this.host.now())) {
      return this.host.info('That message can no longer be edited (it is not a question of this conversation, or the new text is empty).');
    }
    this.host.redraw();
    await this.host.run();
  }
}

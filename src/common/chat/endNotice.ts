import type { HostToWebview } from '../protocol';
import type { TurnEnd } from './turnEngine';

/** Most endings show in the turn itself (its stop reason or error); the caps need a notice. */
export function endNotice(end: TurnEnd): HostToWebview | undefined {
  if (end.kind === 'tool-round-cap') {
    return { type: 'notice', level: 'warning', message: `Stopped after ${end.toolRounds} tool rounds (claudeMessages.maxToolRounds). Send a message to go on.` };
  }
  if (end.kind === 'pause-cap') {
    return { type: 'notice', level: 'info', message: 'The server paused this reply several times in a row; send a message to let Claude go on.' };
  }
  return undefined;
}

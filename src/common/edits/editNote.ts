/**
 * The note an inline edit leaves in the chat history, so an edit is never invisible afterwards:
 * the instruction (the user turn), and a text-only reply with the model's closing sentence, each
 * file proposed with its +added/−removed lines, and the request's cost summed over its tool rounds
 * (each round priced on its own with the one price table, since a long prompt changes the tier).
 *
 * Text only on purpose: the inline edit's own turn held tool_use blocks whose tool_result lives
 * nowhere in the chat, and the API refuses a tool_use without its result on the next chat send.
 */
import type { Message, Usage } from '../anthropic/types';
import type { ModelPricing } from '../anthropic/models';
import { cacheWrites, promptTokens, turnCost, type CacheTtlInfo } from '../conversation/pricing';
import type { AttachmentChip } from '../protocol';
import { computeHunks } from './diff';

/** One file the edit proposed, as the note lists it. */
export interface NotedFile {
  /** Workspace-relative, forward slashes. */
  readonly relativePath: string;
  readonly added: number;
  readonly removed: number;
  /** The model created the file. */
  readonly created: boolean;
}

export interface EditNoteInput {
  readonly instruction: string;
  /** The text of the model's final reply (its closing sentence), possibly empty. */
  readonly closing: string;
  readonly files: readonly NotedFile[];
  /** Files whose proposal was refused (a conflict with the user's typing). */
  readonly refused: readonly string[];
  /** The usage of every request of the edit, in order. */
  readonly rounds: readonly Usage[];
  readonly model: string;
  readonly prices: ModelPricing | undefined;
  readonly ttl?: CacheTtlInfo;
  /** A unique id prefix for the file chips (the session's clock). */
  readonly idPrefix: string;
}

/** The two turns the chat records: the user turn's text and chips, and the reply. */
export interface EditNote {
  readonly question: string;
  readonly files: AttachmentChip[];
  readonly reply: Message;
}

/** Lines added and removed between two texts, counted over the same hunks the review shows. */
export function lineChanges(before: string, after: string): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const hunk of computeHunks(before, after)) {
    added += hunk.modifiedLines.length;
    removed += hunk.originalLines.length;
  }
  return { added, removed };
}

const add = (a: number | null | undefined, b: number | null | undefined): number => (a ?? 0) + (b ?? 0);

/** The usage of several requests as one (token counts, cache writes by TTL, server tool requests). */
export function sumUsage(rounds: readonly Usage[]): Usage {
  const sum: Usage = { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
  let fiveMinute = 0;
  let oneHour = 0;
  let searches = 0;
  let fetches = 0;
  let split = false;
  for (const usage of rounds) {
    sum.input_tokens += usage.input_tokens;
    sum.output_tokens += usage.output_tokens;
    sum.cache_creation_input_tokens = add(sum.cache_creation_input_tokens, usage.cache_creation_input_tokens);
    sum.cache_read_input_tokens = add(sum.cache_read_input_tokens, usage.cache_read_input_tokens);
    if (usage.cache_creation) {
      split = true;
      fiveMinute += usage.cache_creation.ephemeral_5m_input_tokens ?? 0;
      oneHour += usage.cache_creation.ephemeral_1h_input_tokens ?? 0;
    }
    searches += usage.server_tool_use?.web_search_requests ?? 0;
    fetches += usage.server_tool_use?.web_fetch_requests ?? 0;
  }
  if (split) sum.cache_creation = { ephemeral_5m_input_tokens: fiveMinute, ephemeral_1h_input_tokens: oneHour };
  if (searches + fetches > 0) sum.server_tool_use = { web_search_requests: searches, web_fetch_requests: fetches };
  return sum;
}

/** The dollars of all rounds, each priced on its own; undefined when the model's prices are unknown. */
export function roundsCost(rounds: readonly Usage[], prices: ModelPricing | undefined, ttl: CacheTtlInfo = {}): number | undefined {
  let dollars = 0;
  for (const usage of rounds) {
    const cost = turnCost(usage, prices, ttl).dollars;
    if (cost === undefined) return undefined;
    dollars += cost;
  }
  return dollars;
}

const tokens = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const dollars = (d: number): string => (d < 1 ? `$${d.toFixed(4)}` : `$${d.toFixed(2)}`);

/** "+3 −1" (a true minus sign, as diff views write it). */
export function changeFigures(file: Pick<NotedFile, 'added' | 'removed'>): string {
  return `+${file.added} −${file.removed}`;
}

/** The note's reply text (Markdown). */
export function editNoteText(input: EditNoteInput): string {
  const closing = input.closing.trim() || 'Claude ended without a closing sentence.';
  const files = input.files.map((f) => `\`${f.relativePath}\`${f.created ? ' (new file)' : ''} ${changeFigures(f)}`);
  const lines = [closing, ''];
  if (files.length > 0) lines.push(`Proposed for review: ${files.join(', ')}.`);
  if (input.refused.length > 0) lines.push(`Not applied (changed meanwhile): ${input.refused.map((p) => `\`${p}\``).join(', ')}.`);
  const total = sumUsage(input.rounds);
  const cost = roundsCost(input.rounds, input.prices, input.ttl);
  const requests = input.rounds.length === 1 ? '1 request' : `${input.rounds.length} requests`;
  const figures = `${tokens(promptTokens(total, cacheWrites(total, input.ttl)))} input, ${tokens(total.output_tokens)} output tokens`;
  lines.push(`Cost: ${cost === undefined ? 'unknown for this model' : dollars(cost)} over ${requests} (${figures}).`);
  return lines.join('\n');
}

/**
 * The note's turns: the instruction with a chip for the edited file (a click on it opens the file),
 * and the reply. One chip: a user turn's chips name its leading content blocks one for one (see
 * `common/attachments/lookup.ts`), and this turn has one block, the instruction; a second file
 * (rare: a file the model created) is named in the reply.
 */
export function buildEditNote(input: EditNoteInput): EditNote {
  const files = input.files.slice(0, 1).map((file, index): AttachmentChip => ({
    id: `${input.idPrefix}-${index}`,
    kind: 'text',
    name: file.relativePath.split('/').pop() ?? file.relativePath,
    path: file.relativePath,
    detail: `${changeFigures(file)} · inline edit`,
  }));
  const reply: Message = {
    id: `${input.idPrefix}-note`,
    type: 'message',
    role: 'assistant',
    model: input.model,
    content: [{ type: 'text', text: editNoteText(input) }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: sumUsage(input.rounds),
  };
  return { question: `Inline edit: ${input.instruction}`, files, reply };
}

/** Where the note goes: the chat session's path for exchanges made outside the chat. */
export interface EditNoteSink {
  addExchange(context: { blocks: Array<{ type: 'text'; text: string }>; chips: [] }, reply: Message, extra: { attachments?: AttachmentChip[]; busy?: string; purpose?: 'edit-note' }): void;
}

/** Adds the note to the open conversation (or, when a reply is streaming there, says why it cannot). */
export function recordEditNote(sink: EditNoteSink, input: EditNoteInput): void {
  const note = buildEditNote(input);
  sink.addExchange({ blocks: [{ type: 'text', text: note.question }], chips: [] }, note.reply, {
    attachments: note.files,
    purpose: 'edit-note',
    busy: 'The inline edit is up for review. The chat was busy, so its note (what changed and what it cost) was not added to the history.',
  });
}

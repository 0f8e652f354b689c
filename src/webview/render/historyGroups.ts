/**
 * The history's date groups, as chat apps show them: Today, Yesterday, Previous 7 days, Previous 30
 * days, then one group per month ("October 2026"), in the reader's local time. Pure, so the tests
 * pass the time.
 */
import type { ConversationSummary } from '../../common/protocol';

export interface HistoryGroup {
  label: string;
  items: ConversationSummary[];
}

/** The group of a conversation last changed at `updatedAt`, seen at `now`. */
export function groupLabel(updatedAt: number, now: Date): string {
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  // Days by the calendar, not by 24-hour steps, so a change of daylight saving time is no matter.
  const daysAgo = (days: number): number => new Date(now.getFullYear(), now.getMonth(), now.getDate() - days).getTime();
  if (updatedAt >= today || Number.isNaN(updatedAt)) return 'Today';
  if (updatedAt >= daysAgo(1)) return 'Yesterday';
  if (updatedAt >= daysAgo(7)) return 'Previous 7 days';
  if (updatedAt >= daysAgo(30)) return 'Previous 30 days';
  return new Date(updatedAt).toLocaleDateString(undefined, { month: 'long', year: 'numeric' });
}

/** Newest first, in consecutive groups. */
export function groupHistory(items: readonly ConversationSummary[], now: Date): HistoryGroup[] {
  const groups: HistoryGroup[] = [];
  for (const item of [...items].sort((a, b) => b.updatedAt - a.updatedAt)) {
    const label = groupLabel(item.updatedAt, now);
    const last = groups.at(-1);
    if (last?.label === label) last.items.push(item);
    else groups.push({ label, items: [item] });
  }
  return groups;
}

/** Whether the conversation matches what was typed: every word, in any case, in its title or its first question. */
export function matchesFilter(item: ConversationSummary, filter: string): boolean {
  const words = filter.toLocaleLowerCase().split(/\s+/).filter((w) => w !== '');
  const text = `${item.title}\n${item.question ?? ''}`.toLocaleLowerCase();
  return words.every((word) => text.includes(word));
}

/** When it was last changed, briefly: the time in the Today and Yesterday groups, else the date. */
export function shortWhen(updatedAt: number, group: string): string {
  const date = new Date(updatedAt);
  if (Number.isNaN(date.getTime())) return '';
  return group === 'Today' || group === 'Yesterday' ? date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }) : date.toLocaleDateString();
}

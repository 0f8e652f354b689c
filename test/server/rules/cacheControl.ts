/** Rules about `cache_control` breakpoints: how many, and in which ttl order. */
import { promptBlocks } from '../canonical';
import { isRecord } from '../http';
import { ALL_MODELS, invalid } from './types';
import type { Rule } from './types';

/** The API refuses more breakpoints than this (a top-level automatic one takes a slot too). */
export const MAX_BREAKPOINTS = 4;

const CACHING_SOURCE = 'reference §2 Prompt caching (SKILL prompt-caching.md); https://platform.claude.com/docs/en/build-with-claude/prompt-caching';

/** More than 4 blocks with `cache_control`, counting the automatic one on the last block. */
export const CACHE_BREAKPOINTS_RULE: Rule = {
  id: 'cache-breakpoints-max',
  appliesTo: ALL_MODELS,
  source: `${CACHING_SOURCE} ("Max 4 breakpoints/request; automatic cache_control consumes one of the 4 slots")`,
  check: ({ body }) => {
    const marked = promptBlocks(body).filter((block) => block.cacheControl).length;
    return marked > MAX_BREAKPOINTS
      ? invalid(`A maximum of ${MAX_BREAKPOINTS} blocks with cache_control may be provided. Found ${marked}.`)
      : undefined;
  },
};

/** A 1h breakpoint after a 5m one (longer ttls must come first in the prompt). */
export const CACHE_TTL_ORDER_RULE: Rule = {
  id: 'cache-ttl-order',
  appliesTo: ALL_MODELS,
  source: `${CACHING_SOURCE} ("Longer TTL entries must precede shorter ones")`,
  check: ({ body }) => {
    let seen5m = false;
    for (const block of promptBlocks(body)) {
      if (!block.cacheControl) continue;
      if (block.cacheControl.ttl === '1h' && seen5m) {
        return invalid("a ttl='1h' cache_control block must not come after a ttl='5m' cache_control block");
      }
      if (block.cacheControl.ttl !== '1h') seen5m = true;
    }
    return undefined;
  },
};

/** A top-level (automatic) `cache_control` whose ttl differs from an explicit one on the last block. */
export const CACHE_AUTOMATIC_TTL_RULE: Rule = {
  id: 'cache-automatic-ttl',
  appliesTo: ALL_MODELS,
  source: `${CACHING_SOURCE} ("400 if an explicit marker on the last block has a different TTL")`,
  check: ({ body }) => {
    if (!isRecord(body.cache_control)) return undefined;
    const automatic = body.cache_control.ttl === '1h' ? '1h' : '5m';
    // promptBlocks only puts the automatic marker on an unmarked last block, so a different ttl there is explicit.
    const last = promptBlocks(body).at(-1)?.cacheControl;
    const explicit = last?.ttl === '1h' ? '1h' : '5m';
    return last && explicit !== automatic
      ? invalid(`cache_control: the automatic cache_control ttl '${automatic}' differs from the ttl '${explicit}' of the cache_control on the last block`)
      : undefined;
  },
};

/**
 * Wire types of the Anthropic Messages API, as this extension uses them. They live in one file per
 * theme; this file re-exports them all, so importers need one path only.
 *
 * Blocks and events are open: the API adds block types, delta types and fields over time, and the
 * extension must keep what it does not know (an unknown block is sent back unchanged), so every
 * block type also admits `UnknownBlock` and objects keep unlisted fields.
 */
export type * from './blockTypes';
export type * from './responseTypes';
export type * from './requestTypes';
export type * from './modelInfoTypes';

// The JSON that `trackplan serve`'s own API answers with (`/trackplan/…`), shared by the server
// and by the helper for test code (collector.ts), so both say the same thing.
import type { PlanPlace } from '../audit/plan-index.js';
import type { AuditCode } from '../audit/summary.js';

/** One way a message departs from the plan: the audit's finding, with the plan location it breaks. */
export interface Violation {
  code: AuditCode;
  severity: 'error' | 'warn';
  /** Where in the message, with list indexes: `properties.products[2].price`. */
  path: string;
  message: string;
  value?: unknown;
  plan?: PlanPlace;
}

/** A message as the server stored it. */
export interface ReceivedMessage {
  /** Arrival order since the server started, from 1. */
  seq: number;
  /** The generation the message belongs to (see `POST /trackplan/reset`). */
  generation: number;
  /** Its line in the capture: the `file:line` that reports' examples name. */
  line: number;
  receivedAt: string;
  /** The write key it was sent with, when it was sent with one. */
  writeKey?: string;
  /** The revision of the plan it was checked against: 1 for the plan `serve` started with, one more for each change of the plan file loaded since. */
  planRevision: number;
  /** No violation at error severity (warnings allowed), as the audit counts valid messages. */
  valid: boolean;
  violations: Violation[];
  /** Set when one of the controls (`--unplanned-events block`, `--violations block`) blocked it: not forwarded, written to the quarantine. */
  blocked?: 'unplanned-event' | 'violations';
  /** The paths of the unplanned properties `--unplanned-properties omit` took out of what was forwarded (the message here is as sent). */
  omitted?: readonly string[];
  /** The message as stored: as sent, with `receivedAt`, and a `messageId` when it had none. */
  message: StoredMessageBody;
}

/**
 * A message as stored. Its fields are as the client sent them (a `userId` may be a number, a
 * page's `name` anything), so they are typed `unknown` but for those the server sets; named, so
 * that test code can write `m.message.properties` under the strictest settings.
 */
export interface StoredMessageBody {
  /** As sent (a batch member's), or the path's type (`/v1/track`). */
  type: string;
  /** The server's time, ISO 8601. */
  receivedAt: string;
  /** As sent; `trackplan-<uuid>` when the message had none. */
  messageId: unknown;
  event?: unknown;
  name?: unknown;
  userId?: unknown;
  anonymousId?: unknown;
  groupId?: unknown;
  previousId?: unknown;
  properties?: unknown;
  traits?: unknown;
  context?: unknown;
  integrations?: unknown;
  timestamp?: unknown;
  sentAt?: unknown;
  writeKey?: unknown;
  [key: string]: unknown;
}

/** `GET /trackplan/messages` query. */
export interface MessageFilter {
  type?: string;
  /** The event name of a track, the name of a page or screen. */
  event?: string;
  valid?: boolean;
  /** At most this many, the most recent ones (still in arrival order). */
  limit?: number;
}

/** `POST /trackplan/wait` body. */
export interface WaitRequest {
  /** A partial message: every key given must be there with an equal value; lists element by element. */
  match: Record<string, unknown>;
  /** How many messages must match (default 1). */
  count?: number;
  /** How long to wait (default 5000, at most 60000). */
  timeoutMs?: number;
}

/** `POST /trackplan/wait`, 200: the first `count` messages that match, in arrival order. */
export interface WaitResult {
  generation: number;
  messages: ReceivedMessage[];
}

/** Where a message differs from a wait's `match`. */
export interface Difference {
  path: string;
  expected: unknown;
  /** The message's value; absent when `missing`. */
  actual?: unknown;
  missing?: true;
}

/** A message close to a wait's `match`: how many of the match's values it has, and where it differs. */
export interface Closest {
  matched: number;
  of: number;
  differences: Difference[];
  message: ReceivedMessage;
}

/** `POST /trackplan/wait`, 408: fewer than `count` messages matched in time. */
export interface WaitTimeout {
  error: 'timeout';
  message: string;
  generation: number;
  count: number;
  found: number;
  timeoutMs: number;
  /** Up to five messages of the generation, those with the most matching values first. */
  closest: Closest[];
  /** What arrived meanwhile: messages of this generation, and requests refused (by reason). */
  received: { messages: number; rejected: Record<string, number> };
}

/** `POST /trackplan/reset`: the new generation, and the write key issued for it. */
export interface ResetResult {
  generation: number;
  /** Messages sent with this key belong to this generation, whenever they arrive. */
  writeKey: string;
}

/** `GET /trackplan/status`. */
export interface ServeStatus {
  generation: number;
  writeKey: string;
  /** The plan checked against now; `revision` counts the loads (1 at start, one more for each change of the file swapped in). */
  plan: { file: string; name?: string; version?: string; revision: number };
  messages: {
    /** Messages accepted since the server started. */
    received: number;
    /** Of the current generation. */
    generation: number;
    /** Held now (the store keeps the most recent ones: `--max-messages`). */
    stored: number;
  };
  /** Requests refused, by reason (`invalid-json`, `message-too-large`, `unauthorized`, `bad-gzip`, …). */
  rejected: Record<string, number>;
  capture?: { file: string; lines: number; bytes: number };
}

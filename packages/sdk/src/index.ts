/**
 * @backchannel/sdk — typed REST and WebSocket client for Backchannel (Node 20 and browsers).
 * Guide: docs/sdk.md. Wire types come from @backchannel/protocol and are re-exported for convenience.
 */
export { BackchannelClient, type ClientOptions, type ConversationFolder } from './client.js';
export { BackchannelSocket, type SocketPhase } from './socket.js';
export { RoomsClient } from './rooms.js';
export { QuestionsClient } from './questions.js';
export { RoomFeed, type RoomFeedHandlers, type RoomOps } from './roomFeed.js';
export type { CursorStore, SocketDeps, SocketOptions } from './socketOptions.js';
export { BackchannelError, isRetryable, type ClientErrorCode, type SdkErrorCode } from './errors.js';
export type { DurableEventMap, LifecycleEventMap, SocketEventMap, SocketEventName, SocketHandler } from './events.js';
export type { OutboxEntry, OutboxStatus } from './outbox.js';
export { mergeMessages, findGaps, type Gap } from './messages.js';
export { backoffCeiling, fullJitterDelay, DEFAULT_RECONNECT_BACKOFF, DEFAULT_SEND_BACKOFF, type BackoffOptions } from './backoff.js';
export { DEFAULT_SEND_RETRY, type RetryPolicy } from './retry.js';
export { newClientMessageId } from './ids.js';
export type { FetchLike } from './http.js';
export type { Timers } from './timers.js';
export { browserWakeSignals, type WakeSignals } from './wake.js';
export type { WebSocketConstructor, WebSocketLike } from './websocket.js';
export type * from '@backchannel/protocol';

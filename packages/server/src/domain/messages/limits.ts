/** The windows and caps of what people do with a sent message (docs/subsystems/messages.md). */
import type { Config } from '../../config/config.js';
import type { Limits, MessageLimits } from '../deps.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

export const DEFAULT_MESSAGE_LIMITS: MessageLimits = { editWindowMs: 15 * MINUTE, unsendWindowMs: DAY, keepMs: 30 * DAY, reactionsPerMinute: 60 };

export function messageLimitsFrom(c: Config): MessageLimits {
  return { editWindowMs: c.messageEditMinutes * MINUTE, unsendWindowMs: c.messageUnsendHours * 60 * MINUTE, keepMs: DEFAULT_MESSAGE_LIMITS.keepMs, reactionsPerMinute: c.reactionsPerMinute };
}

export const messageLimits = (limits: Limits): MessageLimits => limits.messages ?? DEFAULT_MESSAGE_LIMITS;

/** The domain's limits from the operator's config: one place, used by the server (app.ts) and the admin CLI. */
import type { Config } from '../config/config.js';
import type { Limits } from './deps.js';
import { messageLimitsFrom } from './messages/limits.js';
import { requestLimitsFrom } from './requests/limits.js';
import type { RoomLimits } from './rooms/limits.js';

export function roomLimitsFrom(c: Config): RoomLimits {
  return {
    endGraceMs: c.roomEndGraceSeconds * 1000,
    presenceGraceMs: c.roomPresenceGraceSeconds * 1000,
    chatDefaultOn: c.roomChatDefaultOn,
    countsIntervalMs: c.roomCountsIntervalMs,
    handsPerMinute: c.roomHandsPerMinute,
    chatRetentionMs: c.roomChatRetentionDays * 86_400_000,
    managedExternally: c.roomsMode === 'external',
  };
}

export function limitsFrom(c: Config): Limits {
  return {
    groupMaxMembers: c.groupMaxMembers,
    sessionTtlMs: c.sessionTtlDays * 86_400_000,
    signupMode: c.signupMode,
    requests: requestLimitsFrom(c),
    reportWithdrawMs: c.reportWithdrawSeconds * 1000,
    rooms: roomLimitsFrom(c),
    metInRoomMs: c.metInRoomDays * 86_400_000,
    messages: messageLimitsFrom(c),
    questions: { openPerPerson: c.roomQaOpenQuestions, intervalMs: c.roomQaQuestionIntervalSeconds * 1000 },
    linkPreviews: c.linkPreviews,
  };
}

import type { Config } from '../../config/config.js';
import type { Limits, RequestLimits } from '../deps.js';

export const DAY = 86_400_000;

export const DEFAULT_REQUEST_LIMITS: RequestLimits = {
  extraMessages: 3,
  messageMaxChars: 1000,
  dailyBudget: 20,
  dailyBudgetNewAccount: 5,
  newAccountMs: 7 * DAY,
  perMinute: 5,
  expiryMs: 30 * DAY,
  actionsPerMinute: 60,
};

export function requestLimitsFrom(c: Config): RequestLimits {
  return {
    extraMessages: c.requestExtraMessages,
    messageMaxChars: c.requestMessageMaxChars,
    dailyBudget: c.requestDailyBudget,
    dailyBudgetNewAccount: c.requestDailyBudgetNewAccount,
    newAccountMs: c.requestNewAccountDays * DAY,
    perMinute: c.requestsPerMinute,
    expiryMs: c.requestExpiryDays * DAY,
    actionsPerMinute: c.safetyActionsPerMinute,
  };
}

export const requestLimits = (limits: Limits): RequestLimits => limits.requests ?? DEFAULT_REQUEST_LIMITS;

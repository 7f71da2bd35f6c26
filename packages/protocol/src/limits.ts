/** Limits every client can rely on; the server may be configured stricter, never looser. */
export const LIMITS = {
  messageChars: 4000,
  messageBytes: 64 * 1024,
  clientMessageIdMax: 64,
  usernameMin: 3,
  usernameMax: 30,
  displayNameMax: 64,
  bioMax: 300,
  titleMax: 100,
  passwordMin: 8,
  passwordMax: 256,
  pageMax: 200,
  groupMembersDefault: 15,
  frameBytes: 128 * 1024,
} as const;

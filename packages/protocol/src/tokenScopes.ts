/** The scopes of API tokens as a runtime list (plain constant: no TypeBox for clients). `tokens.ts` checks it against the schema. */
export const TOKEN_SCOPES = ['read', 'send', 'manage'] as const;

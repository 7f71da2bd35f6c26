/** A result row as both drivers return it: column name → value (SQLite 0/1 and PostgreSQL booleans both read through `Boolean`). */
export type Row = Record<string, unknown>;

/** A nullable column: `null` whether the driver gave null or left it out. */
export const orNull = <T>(v: unknown): T | null => (v === undefined || v === null ? null : (v as T));

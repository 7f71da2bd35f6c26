/** A result row as both drivers return it: column name → value. */
export type Row = Record<string, unknown>;

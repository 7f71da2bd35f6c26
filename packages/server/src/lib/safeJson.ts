/**
 * JSON parsing for untrusted input (HTTP bodies and socket frames). Beyond syntax it refuses what
 * JSON.parse lets through but we cannot store or compare safely: nesting deeper than `maxDepth`,
 * arrays longer than `maxArray`, integers beyond 2^53 (silently rounded by JSON.parse), and
 * strings with lone UTF-16 surrogates (not valid Unicode; they break UTF-8 storage).
 */
export interface SafeJsonLimits {
  maxDepth: number;
  maxArray: number;
}

export class BadJson extends Error {}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function parseSafeJson(text: string, limits: SafeJsonLimits = { maxDepth: 16, maxArray: 1000 }): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text, (_key, v: unknown, ctx?: { source?: string }) => {
      if (typeof v === 'number') {
        // `ctx.source` (Node 21+) shows the literal; on Node 20 fall back to the value itself.
        if (!Number.isFinite(v) || (Number.isInteger(v) && !Number.isSafeInteger(v))) throw new BadJson('number out of range');
        if (ctx?.source && /^-?\d{17,}/.test(ctx.source)) throw new BadJson('number out of range');
      }
      return v;
    });
  } catch (err) {
    throw err instanceof BadJson ? err : new BadJson('not valid JSON');
  }
  check(value, 0, limits);
  return value;
}

function check(v: unknown, depth: number, limits: SafeJsonLimits): void {
  if (typeof v === 'string') {
    if (LONE_SURROGATE.test(v)) throw new BadJson('string contains a lone surrogate');
    return;
  }
  if (v === null || typeof v !== 'object') return;
  if (depth >= limits.maxDepth) throw new BadJson(`nested deeper than ${limits.maxDepth}`);
  if (Array.isArray(v)) {
    if (v.length > limits.maxArray) throw new BadJson(`array longer than ${limits.maxArray}`);
    for (const x of v) check(x, depth + 1, limits);
    return;
  }
  for (const [k, x] of Object.entries(v)) {
    if (LONE_SURROGATE.test(k)) throw new BadJson('key contains a lone surrogate');
    check(x, depth + 1, limits);
  }
}

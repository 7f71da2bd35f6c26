/**
 * Bytes of an HTML page → text, with the charset picked as browsers do, in order: a byte-order
 * mark, the Content-Type header's charset, a `<meta charset>` / `<meta http-equiv=content-type>`
 * in the first 4 KB (found with the HTML parser, not a regex), then UTF-8, falling back to
 * windows-1252 when the bytes are not valid UTF-8. One exception to the order: a page whose meta
 * tag declares a legacy charset while its bytes are valid, non-ASCII UTF-8 is read as UTF-8 (such
 * pages were re-saved without updating the tag; reading them as declared gives mojibake).
 * Legacy charsets are decoded with iconv-lite (Node's own TextDecoder reads windows-1252 as
 * ISO-8859-1); the labels latin1, iso-8859-1 and ascii mean windows-1252, as in the Encoding Standard.
 */
import { TextDecoder } from 'node:util';
import { Parser } from 'htmlparser2';
import iconv from 'iconv-lite';

const PRESCAN_BYTES = 4096;

type Decode = (bytes: Buffer) => string;

const WINDOWS_1252_LABELS = new Set(['latin1', 'iso-8859-1', 'iso8859-1', 'iso_8859-1', 'l1', 'cp1252', 'us-ascii', 'ascii', 'ansi_x3.4-1968', 'cp819']);

function decoderFor(label: string | null): { name: string; decode: Decode } | null {
  if (!label) return null;
  const l = label.trim().toLowerCase();
  if (l === 'utf-8' || l === 'utf8' || l === 'unicode-1-1-utf-8') return { name: 'utf-8', decode: (b) => new TextDecoder('utf-8').decode(b) };
  const name = WINDOWS_1252_LABELS.has(l) ? 'windows-1252' : l;
  return iconv.encodingExists(name) ? { name, decode: (b) => iconv.decode(b, name) } : null;
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The charset a page declares in its first bytes, if any. */
export function declaredCharset(bytes: Buffer): string | null {
  let found: string | null = null;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (found !== null || name !== 'meta') return;
        if (attribs.charset) found = attribs.charset.trim();
        else if (attribs['http-equiv']?.toLowerCase() === 'content-type' && attribs.content) {
          const m = /charset\s*=\s*["']?([^"';\s]+)/i.exec(attribs.content);
          if (m) found = m[1]!;
        }
      },
    },
    { decodeEntities: true, lowerCaseAttributeNames: true },
  );
  parser.write(bytes.subarray(0, PRESCAN_BYTES).toString('latin1'));
  parser.end();
  return found;
}

export function decodeHtml(bytes: Buffer, headerCharset: string | null): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  const fromHeader = decoderFor(headerCharset);
  if (fromHeader) return fromHeader.decode(bytes);
  const fromMeta = decoderFor(declaredCharset(bytes));
  const utf8 = isUtf8(bytes);
  if (fromMeta && fromMeta.name !== 'utf-8' && !(utf8 && bytes.some((b) => b > 0x7f))) return fromMeta.decode(bytes);
  return utf8 ? new TextDecoder('utf-8').decode(bytes) : iconv.decode(bytes, 'windows-1252');
}

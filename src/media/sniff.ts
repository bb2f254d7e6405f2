/**
 * The media type from the bytes themselves (magic numbers), never from the URL's
 * extension or the server's Content-Type: a `.jpg` that is really WebP, or an HTML
 * block page served as `image/jpeg`, is caught here.
 */

export type MediaType =
  | 'image/jpeg'
  | 'image/png'
  | 'image/gif'
  | 'image/webp'
  | 'image/avif'
  | 'image/heic'
  | 'image/heif'
  | 'image/bmp'
  | 'image/tiff'
  | 'video/mp4'
  | 'video/quicktime'
  | 'video/webm';

const ascii = (bytes: Uint8Array, start: number, end: number) =>
  Buffer.from(bytes.subarray(start, end)).toString('latin1');

const startsWith = (bytes: Uint8Array, magic: readonly number[], offset = 0) =>
  magic.every((b, i) => bytes[offset + i] === b);

const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs']);
const HEIF_BRANDS = new Set(['mif1', 'msf1', 'mif2']);
const AVIF_BRANDS = new Set(['avif', 'avis']);
const QUICKTIME_ATOMS = new Set(['moov', 'mdat', 'wide', 'free', 'skip', 'pnot']);

/** ISO base media (ftyp box): the major brand, then the compatible brands, decide. */
function isoBrand(bytes: Uint8Array): MediaType | undefined {
  if (bytes.length < 12 || ascii(bytes, 4, 8) !== 'ftyp') return undefined;
  const size = Math.min(Buffer.from(bytes.subarray(0, 4)).readUInt32BE(0), bytes.length);
  const brands = [ascii(bytes, 8, 12)];
  for (let offset = 16; offset + 4 <= size; offset += 4) brands.push(ascii(bytes, offset, offset + 4));
  const [major] = brands;
  if (major && AVIF_BRANDS.has(major)) return 'image/avif';
  if (major && HEIC_BRANDS.has(major)) return 'image/heic';
  if (major === 'qt  ') return 'video/quicktime';
  if (brands.some((b) => AVIF_BRANDS.has(b))) return 'image/avif';
  if (brands.some((b) => HEIC_BRANDS.has(b))) return 'image/heic';
  if (brands.some((b) => HEIF_BRANDS.has(b))) return 'image/heif';
  // Every other ftyp (isom, mp41, mp42, avc1, M4V, 3gp, dash, ...) is an MP4-family video.
  return 'video/mp4';
}

export function sniffMediaType(bytes: Uint8Array): MediaType | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'image/gif';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'image/webp';
  if (ascii(bytes, 0, 2) === 'BM' && bytes.length >= 14) return 'image/bmp';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]))
    return 'image/tiff';
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) return 'video/webm';
  const iso = isoBrand(bytes);
  if (iso) return iso;
  if (bytes.length >= 8 && QUICKTIME_ATOMS.has(ascii(bytes, 4, 8))) return 'video/quicktime';
  return undefined;
}

export const isImageType = (type: MediaType | undefined): boolean => type?.startsWith('image/') === true;

/** A web page where media was expected: a WAF challenge, a login wall, a hotlink block. */
export function looksLikeHtml(bytes: Uint8Array, declaredType?: string | null): boolean {
  if (declaredType && /^\s*(text\/html|application\/xhtml\+xml)/i.test(declaredType)) return true;
  const head = ascii(bytes, 0, 1024)
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
    .trimStart()
    .toLowerCase();
  return (
    head.startsWith('<!doctype html') || head.startsWith('<html') || /^<(head|body|script|meta)\b/.test(head)
  );
}

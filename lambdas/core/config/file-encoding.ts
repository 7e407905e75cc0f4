import { wholeFileProblem, type ConfigProblem } from './problems';

/**
 * Files that are not UTF-8 text, named as such: YAML would only call them "not a map of keys". Checked on the
 * bytes when the CLI reads the file, and on the text when a caller hands parseConfig a string.
 */

export const EMPTY_FILE = 'the file is empty';
const BINARY_FILE = 'the file looks like a binary file, not YAML (is it the right file?)';
const UTF16_FILE = 'the file is saved as UTF-16; save it as UTF-8';

/** Enough of the start of the file to tell UTF-16 from text with a stray NUL. */
const SNIFF_UNITS = 1024;

export type DecodedConfig = { text: string } | { problem: ConfigProblem };

/** The file's text, without a UTF-8 byte order mark, or why it is not a UTF-8 text file. */
export function decodeConfigBytes(bytes: Uint8Array): DecodedConfig {
  if (bytes.length === 0) return { problem: wholeFileProblem(EMPTY_FILE) };
  const bom = (bytes[0] ?? 0) * 256 + (bytes[1] ?? 0);
  if (bom === 0xfffe || bom === 0xfeff || looksLikeUtf16(bytes)) {
    return { problem: wholeFileProblem(UTF16_FILE) };
  }
  if (bytes.includes(0)) return { problem: wholeFileProblem(BINARY_FILE) };
  try {
    // fatal: a byte that is not UTF-8 is refused rather than silently turned into �
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { problem: notUtf8(bytes) };
  }
}

/** The same checks on text already decoded (a UTF-8 BOM is dropped by parseConfig, not refused). */
export function textEncodingProblem(text: string): ConfigProblem | undefined {
  if (text.trim() === '') return wholeFileProblem(EMPTY_FILE);
  if (!text.includes('\u0000')) return undefined;
  const units = Array.from({ length: Math.min(text.length, SNIFF_UNITS) }, (_, i) => text.charCodeAt(i));
  return wholeFileProblem(looksLikeUtf16(units) ? UTF16_FILE : BINARY_FILE);
}

/**
 * UTF-16 without a byte order mark: the ASCII a config is written in comes out as a zero every other byte
 * (`o\0r\0g\0`). A binary file has zeros too, but not so regularly on one side.
 */
function looksLikeUtf16(units: ArrayLike<number>): boolean {
  const length = Math.min(units.length, SNIFF_UNITS) & ~1;
  if (length < 4) return false;
  let zerosEven = 0;
  let zerosOdd = 0;
  for (let i = 0; i < length; i += 2) {
    if (units[i] === 0) zerosEven++;
    if (units[i + 1] === 0) zerosOdd++;
  }
  const pairs = length / 2;
  const regular = (zeros: number, other: number) => zeros >= pairs * 0.7 && other <= pairs * 0.1;
  return regular(zerosEven, zerosOdd) || regular(zerosOdd, zerosEven);
}

/**
 * Invalid UTF-8 in a file that is otherwise text is an older editor's encoding (a £ or é saved as
 * Windows-1252): point at the first such character. Mostly unprintable bytes are a binary file.
 */
function notUtf8(bytes: Uint8Array): ConfigProblem {
  const sample = bytes.subarray(0, SNIFF_UNITS * 4);
  const texty = sample.filter((b) => b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127)).length;
  if (texty < sample.length * 0.9) return wholeFileProblem(BINARY_FILE);
  const offset = firstInvalidUtf8(bytes);
  // the scan below knows the common slips only; TextDecoder refused something subtler (an overlong form)
  if (offset >= bytes.length) return wholeFileProblem('the file is not saved as UTF-8; save it as UTF-8');
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  // columns count characters; the line before the bad byte is valid UTF-8, so decoding it counts them
  const col = new TextDecoder().decode(bytes.subarray(lineStart, offset)).length + 1;
  return {
    line,
    col,
    message:
      'this character is not UTF-8 (the file may be saved as Windows-1252 or Latin-1); save the file as UTF-8',
  };
}

/** the offset of the first byte that does not start or continue a valid UTF-8 sequence */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes, i);
    if (length === 0) return i;
    i += length;
  }
  return bytes.length;
}

function sequenceLength(bytes: Uint8Array, i: number): number {
  const expected = expectedLength(bytes[i] as number);
  if (expected === 0 || i + expected > bytes.length) return 0;
  for (let k = 1; k < expected; k++) {
    if (((bytes[i + k] as number) & 0xc0) !== 0x80) return 0;
  }
  return expected;
}

/** how many bytes a sequence starting with `lead` has; 0 when no sequence starts with it */
function expectedLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead < 0xe0) return 2;
  if (lead >= 0xe0 && lead < 0xf0) return 3;
  if (lead >= 0xf0 && lead < 0xf5) return 4;
  return 0;
}

// Recognising UTF-16 text, which Excel writes as "Unicode text": both the core and the
// renderer decode exports, and neither should read it as UTF-8 full of NULs.

/**
 * UTF-16 as Excel's "Unicode text" writes it: by its byte-order mark, or, without one, by the
 * zero bytes every ASCII character (delimiters, digits, line ends) has on one side.
 */
export function utf16Of(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const sample = bytes.subarray(0, 2000 - (Math.min(bytes.length, 2000) % 2));
  if (sample.length < 4) return null;
  let [evenZeros, oddZeros] = [0, 0];
  for (let k = 0; k < sample.length; k += 2) {
    if (sample[k] === 0) evenZeros++;
    if (sample[k + 1] === 0) oddZeros++;
  }
  const half = sample.length / 4;
  return oddZeros > half && evenZeros === 0 ? 'utf-16le' : evenZeros > half && oddZeros === 0 ? 'utf-16be' : null;
}

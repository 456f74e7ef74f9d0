// Numbers as operators type them: Western (0–9), Arabic-Indic (٠–٩) or Persian (۰–۹) digits,
// whichever the keyboard layout gives. A count that is not a whole number is refused, never
// read as 0.

/** Arabic-Indic and Persian (Extended Arabic-Indic) digits written as Western ones. */
export function westernDigits(text: string): string {
  return text
    .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x660))
    .replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x6f0));
}

/** A whole, non-negative count typed in any of the three digit sets; '' is 0; anything else is null. */
export function parseCount(text: string): number | null {
  const plain = westernDigits(text.trim());
  if (plain === '') return 0;
  if (!/^[0-9]{1,6}$/.test(plain)) return null;
  return Number(plain);
}

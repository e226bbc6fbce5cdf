/**
 * How wide a line of the figure's text is, without a browser: per-character advance widths of the
 * figure's fonts, so that boxes can be sized (and long text shortened) before anything is drawn.
 *
 * The figure asks for `Helvetica, Arial, sans-serif`. Helvetica, Arial and Liberation Sans share
 * their metrics; where none of them is installed, Linux falls back to DejaVu Sans, some 15% wider.
 * Each width below is the larger of Liberation Sans's and DejaVu Sans's (measured in Chromium, in
 * thousandths of an em), so an estimate is never narrower than what either font draws; kerning
 * only ever narrows a line. test/e2e/figure.test.ts checks this against a real browser.
 */

/** Advance widths of the characters ' ' (32) to '~' (126), regular weight, in 1/1000 em. */
const REGULAR = [
  318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 556, 1015, 684,
  686, 722, 770, 667, 611, 778, 752, 295, 500, 667, 557, 863, 748, 787, 667, 787, 722, 667, 611, 732, 684, 989, 685, 667, 685, 390, 337, 390, 838, 556, 500, 613, 635, 550,
  635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
];
/** The same, bold (the figure's titles are weight 600, which these fonts draw bold). */
const BOLD = [
  348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 611, 1000,
  774, 762, 734, 830, 683, 683, 821, 837, 372, 556, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 556, 500, 675, 716,
  593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
];
/** Characters beyond ASCII that shapes, captions and names use: [regular, bold]. */
const EXTRA: Readonly<Record<string, readonly [number, number]>> = {
  '×': [838, 838],
  '·': [318, 380],
  '…': [1000, 1000],
  '–': [556, 556],
  '—': [1000, 1000],
  '→': [1000, 1000],
  '²': [401, 438],
  '³': [401, 438],
  'µ': [636, 736],
  '°': [500, 500],
  '±': [838, 838],
  '≤': [838, 838],
  '≥': [838, 838],
  '’': [318, 380],
  '“': [518, 657],
  '”': [518, 657],
};
/** Any other character counts as a full em, or more outside the Basic Multilingual Plane (emoji). */
const OTHER = 1000;
const ASTRAL = 1300;
/** Rounding and renderers' hinting. */
const MARGIN = 1.03;

export const ELLIPSIS = '…';

/** `textWidth('Conv2D', 13, true)` → the most pixels that line takes in the figure's fonts. */
export function textWidth(text: string, size: number, bold = false): number {
  let em = 0;
  for (const c of text) {
    const code = c.codePointAt(0)!;
    if (code >= 32 && code <= 126) em += (bold ? BOLD : REGULAR)[code - 32]!;
    else em += EXTRA[c]?.[bold ? 1 : 0] ?? (code > 0xffff ? ASTRAL : OTHER);
  }
  return (em / 1000) * size * MARGIN;
}

/**
 * The text, or as much of its start as fits in `max` pixels followed by '…', or '' when not even
 * that fits: `fitText('Residual basic (projection)', 13, true, 120)` → 'Residual basic…'.
 */
export function fitText(text: string, size: number, bold: boolean, max: number): string {
  if (textWidth(text, size, bold) <= max) return text;
  const budget = max - textWidth(ELLIPSIS, size, bold);
  let kept = '';
  let width = 0;
  for (const c of text) {
    width += textWidth(c, size, bold);
    if (width > budget) break;
    kept += c;
  }
  kept = kept.trimEnd();
  return kept ? kept + ELLIPSIS : '';
}

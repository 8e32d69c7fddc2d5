import { checkPasses, checkPositions, type MrzPosition } from './mrz-checks';
import { fieldText, layoutField, type MrzCheckLayout, type MrzLayout, positionClasses } from './mrz-layout';
import type { MrzCell } from './mrz-ocr-text';
import { readingOptions } from './mrz-reading-likelihood';

/** At most this many characters are changed to satisfy one check digit. */
const MAX_CHANGES = 2;
/** A repair is applied only when it is at least this much likelier (in nats: 3 times) than any other. */
const MIN_MARGIN = Math.log(3);
/** ... and not less likely than 1 in 50 against the reading it replaces. */
const MAX_REPAIR_COST = Math.log(50);
/**
 * Fields only the composite protects (TD1/TD2 optional data) have a single digit of evidence, so their repairs
 * must be likely on the OCR's word alone: at least a fifth as likely as what was read.
 */
const MAX_COMPOSITE_ONLY_REPAIR_COST = Math.log(5);
/** A wrong repair also passes the composite check digit one time in ten. */
const COMPOSITE_AGREEMENT_BONUS = Math.log(10);

interface Change {
  readonly position: MrzPosition;
  readonly char: string;
  readonly cost: number;
}

interface Candidate {
  readonly changes: readonly Change[];
  readonly cost: number;
}

function text(lines: readonly MrzCell[][]): string[] {
  return lines.map((cells) => cells.map((cell) => cell.char).join(''));
}

function isPlausibleDate(value: string): boolean {
  if (!/^[0-9]{6}$/.test(value)) return false;
  const month = Number(value.slice(2, 4));
  const day = Number(value.slice(4, 6));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/** A candidate must also leave a date that can exist; that alone rules out many coincidental check matches. */
function holds(current: readonly string[], layout: MrzLayout, check: MrzCheckLayout): boolean {
  if (!checkPasses(current, layout, check)) return false;
  if (check.name !== 'date_of_birth' && check.name !== 'expiry_date') return true;
  return isPlausibleDate(fieldText(current, layoutField(layout, check.name)));
}

function withChanges<T>(lines: readonly MrzCell[][], changes: readonly Change[], read: () => T): T {
  const previous = changes.map(({ position }) => lines[position.line][position.index].char);
  changes.forEach(({ position, char }) => (lines[position.line][position.index].char = char));
  try {
    return read();
  } finally {
    changes.forEach(({ position }, i) => (lines[position.line][position.index].char = previous[i]));
  }
}

/** Every set of at most MAX_CHANGES substitutions, one per position, for which `score` gives a cost adjustment. */
function candidates(
  lines: readonly MrzCell[][],
  layout: MrzLayout,
  positions: readonly MrzPosition[],
  score: (current: readonly string[]) => number | undefined,
): Candidate[] {
  const classes = positionClasses(layout);
  const options = positions
    .map((position) => ({
      position,
      options: readingOptions(lines[position.line][position.index], classes[position.line][position.index]),
    }))
    .filter((entry) => entry.options.length > 0);
  const found: Candidate[] = [];
  const visit = (from: number, chosen: Change[]): void => {
    if (chosen.length > 0) {
      const adjustment = withChanges(lines, chosen, () => score(text(lines)));
      if (adjustment !== undefined) {
        found.push({ changes: [...chosen], cost: chosen.reduce((sum, c) => sum + c.cost, 0) + adjustment });
      }
    }
    if (chosen.length === MAX_CHANGES) return;
    for (let k = from; k < options.length; k++) {
      for (const option of options[k].options)
        visit(k + 1, [...chosen, { position: options[k].position, ...option }]);
    }
  };
  visit(0, []);
  return found.sort((a, b) => a.cost - b.cost);
}

/** The likeliest candidate, if it is likely enough and clearly ahead of the next; otherwise the check stays failing. */
function chosen(found: readonly Candidate[], maxCost = MAX_REPAIR_COST): Candidate | undefined {
  const [best, next] = found;
  if (!best || best.cost > maxCost) return undefined;
  return next && next.cost - best.cost < MIN_MARGIN ? undefined : best;
}

function apply(lines: readonly MrzCell[][], candidate: Candidate | undefined): void {
  for (const { position, char } of candidate?.changes ?? []) lines[position.line][position.index].char = char;
}

/**
 * Repairs misreads that check digits expose, as a bounded maximum-likelihood search: at most two substitutions
 * per check, drawn only from characters the OCR gives reason to doubt (out of class, low confidence, or with
 * second choices), weighed by how likely each reading is. The best repair is applied only when it is clearly
 * likelier than every other one that satisfies the check; the composite digit adds its evidence. A check that
 * stays ambiguous is left failing, so that a wrong digit printed on a document is reported, not "corrected".
 */
export function repairWithCheckDigits(lines: readonly MrzCell[][], layout: MrzLayout): void {
  const composite = layout.checks.find((check) => check.name === 'composite');
  const fieldChecks = layout.checks.filter((check) => check !== composite);
  for (const check of fieldChecks) {
    if (holds(text(lines), layout, check)) continue;
    const found = candidates(lines, layout, checkPositions(text(lines), layout, check), (current) => {
      if (!holds(current, layout, check)) return undefined;
      return composite && checkPasses(current, layout, composite) ? -COMPOSITE_AGREEMENT_BONUS : 0;
    });
    apply(lines, chosen(found));
  }
  if (!composite || holds(text(lines), layout, composite)) return;
  const current = text(lines);
  const settled = new Set(
    fieldChecks
      .filter((check) => checkPasses(current, layout, check))
      .flatMap((check) => checkPositions(current, layout, check))
      .map(({ line, index }) => `${line}:${index}`),
  );
  const open = checkPositions(current, layout, composite).filter(
    ({ line, index }) => !settled.has(`${line}:${index}`),
  );
  // Every date must stay a possible date, whichever positions the composite repair touches.
  const datesHold = (after: readonly string[]): boolean =>
    (['date_of_birth', 'expiry_date'] as const).every((date) =>
      isPlausibleDate(fieldText(after, layoutField(layout, date))),
    );
  const found = candidates(lines, layout, open, (after) =>
    holds(after, layout, composite) && datesHold(after) ? 0 : undefined,
  );
  apply(lines, chosen(found, MAX_COMPOSITE_ONLY_REPAIR_COST));
}

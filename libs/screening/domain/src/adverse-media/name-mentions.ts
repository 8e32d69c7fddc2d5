import { words } from './word-list';

/** A stretch of text that reads as a person's name. */
export interface NameMention {
  /** The name as written (possessive "'s" left out). */
  text: string;
  start: number;
  end: number;
  /** The title or role written just before the name ("judge", "ceo", "victim"), lower case. */
  role?: string;
  /**
   * The role makes the person a bystander of the story (judge, prosecutor, lawyer, victim, witness, ...):
   * what the article says about its offences is not said about them.
   */
  bystander: boolean;
  /** Age given with the name ("Jane Roe, 54," / "54-year-old Jane Roe"), to tell namesakes apart. */
  age?: number;
}

/** Lower-case name particles that may stand inside a name ("Ana de la Cruz", "Omar bin Salem"). */
const INNER_PARTICLES = new Set(
  words(`
    van von de der den del della dei di da das dos do du la le al el bin ibn bint abu ben ter ten zu y e st
  `),
);
/** Particles that may also open a name mid-sentence ("said van der Berg"); not "do", "e", "y", English words too. */
const LEADING_PARTICLES = new Set(
  [...INNER_PARTICLES].filter((particle) => !['do', 'e', 'y', 'st'].includes(particle)),
);
/** "al-Rashid", "d'Almeida", "O'Neill": a name whose capital follows a prefix. */
const PREFIXED_NAME = /^(?:al|el|ad|ar|as|at|az|an|ash|ibn|bin|abu|d|l)['’-]\p{Lu}/u;

const BYSTANDER_ROLES = new Set(
  words(`
    judge justice magistrate prosecutor detective inspector sergeant officer constable investigator lawyer
    attorney barrister solicitor counsel witness victim spokesperson spokesman spokeswoman auditor
    journalist reporter regulator commissioner ombudsman liquidator whistleblower expert analyst economist
    researcher academic
  `),
);
const OTHER_ROLES = new Set(
  words(`
    mr mrs ms miss mx dr prof professor sir dame lord lady sheikh ceo cfo chairman chairwoman chair founder
    cofounder director president minister senator governor mayor general colonel captain businessman
    businesswoman entrepreneur tycoon executive banker trader manager accountant owner coach player striker
    midfielder goalkeeper chef artist singer author mp deputy councillor official secretary ambassador
    developer fugitive suspect defendant
  `),
);

/**
 * Capitalised words that are not names: function words opening a sentence or a title-case headline, days and
 * months. April, May, June and August are left out: they are first names too, and a missed name is worse
 * than a longer mention.
 */
const NOT_NAMES = new Set(
  words(`
    the a an in on at of for and but or after before when while as with by from to into over under about
    against during since until amid his her their its he she they it we i you this that these those there
    here what which who whom whose why how if then than also yesterday today tomorrow last next earlier
    later police court according meanwhile however although both neither nor not no all some many several
    each every new former local is was are were has had will would monday tuesday wednesday thursday friday
    saturday sunday january february march july september october november december
  `),
);

interface WordToken {
  word: string;
  start: number;
  end: number;
  index: number;
  possessive: boolean;
}

/**
 * A role applies to the name right after it ("prosecutor Anna Holm", "her lawyer, Anna Holm") and to no other:
 * in "prosecutors charged Anna Holm" she is no prosecutor.
 */
const ROLE_REACH = 1;

/**
 * Role words that are also surnames (Maria Singer, Tom Judge): inside a run of capitalised words they are read
 * as part of the name, before one ("Judge Maria Lopez") as a role.
 */
const SURNAME_ROLES = new Set(
  words(`
    judge justice singer player owner coach author banker trader general chef chair lord lady mayor deputy
    official witness captain director officer
  `),
);
/** Abbreviated titles whose full stop does not end the sentence ("Mr. Okafor"). */
const ABBREVIATED_TITLES = new Set(
  words(`
    mr mrs ms mx dr prof gen col capt sgt insp det
  `),
);

/**
 * The person-name candidates of a text: runs of capitalised words, with name particles inside, cut at
 * punctuation, function words and titles. It over-generates on purpose (organisations and places come out
 * too): the name comparator decides; what must not happen is a name cut in two or glued to a title.
 */
export function extractNameMentions(text: string): NameMention[] {
  const mentions: NameMention[] = [];
  const words = wordTokens(text);
  let run: WordToken[] = [];
  let pendingRole: { role: string; index: number } | undefined;

  const closeRun = () => {
    while (run.length > 0 && isParticle(run[run.length - 1].word)) run.pop();
    if (run.length > 0) {
      const first = run[0];
      const last = run[run.length - 1];
      const role =
        pendingRole && first.index - pendingRole.index <= ROLE_REACH ? pendingRole.role : undefined;
      mentions.push({
        text: text.slice(first.start, last.end),
        start: first.start,
        end: last.end,
        ...(role ? { role } : {}),
        bystander: role !== undefined && BYSTANDER_ROLES.has(role),
        ...ageOf(text, first.start, last.end),
      });
      pendingRole = undefined;
    }
    run = [];
  };

  for (const token of words) {
    const previous = words[token.index - 1];
    const gap = previous ? text.slice(previous.end, token.start) : '';
    if (previous === undefined || previous.possessive || !/^[ \t\u00a0]+$/.test(gap)) closeRun();
    const afterTitle =
      previous !== undefined && ABBREVIATED_TITLES.has(previous.word.toLowerCase()) && /^\.\s+$/.test(gap);
    if (/[.!?;:]/.test(gap) && !afterTitle) pendingRole = undefined;

    const role = roleOf(token.word, run.length > 0);
    if (role) {
      closeRun();
      pendingRole = { role, index: token.index };
    } else if (
      isNameWord(token.word) ||
      (isParticle(token.word) && (run.length > 0 || opensName(words, token.index)))
    ) {
      run.push(token);
    } else {
      closeRun();
    }
  }
  closeRun();
  return mentions;
}

function wordTokens(text: string): WordToken[] {
  const tokens: WordToken[] = [];
  for (const match of text.matchAll(/[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*\.?/gu)) {
    let word = match[0];
    let end = match.index + word.length;
    // A full stop belongs to an initial ("John F. Kennedy"); any other one ends a sentence or an abbreviation.
    if (word.endsWith('.') && !/^\p{Lu}\.$/u.test(word)) {
      word = word.slice(0, -1);
      end--;
    }
    const possessive = /['’]s$/u.test(word);
    if (possessive) {
      word = word.slice(0, -2);
      end -= 2;
    }
    tokens.push({ word, start: match.index, end, index: tokens.length, possessive });
  }
  return tokens;
}

/** A lower-case particle opens a name only when particles then a capitalised word follow ("van der Berg"). */
function opensName(words: readonly WordToken[], index: number): boolean {
  if (!LEADING_PARTICLES.has(words[index].word)) return false;
  for (let next = index + 1; next < words.length; next++) {
    if (isNameWord(words[next].word)) return true;
    if (!isParticle(words[next].word)) return false;
  }
  return false;
}

function isInitial(word: string | undefined): boolean {
  return word !== undefined && /^\p{Lu}\.$/u.test(word);
}

function isParticle(word: string): boolean {
  return INNER_PARTICLES.has(word);
}

function isNameWord(word: string): boolean {
  if (isInitial(word)) return true;
  if (PREFIXED_NAME.test(word)) return true;
  if (!/^[\p{Lu}\p{Lt}]/u.test(word)) return false;
  // Acronyms (CEO, UN, FBI) are not names; longer all-capital words may be a surname written in capitals.
  if (word.length <= 3 && word === word.toUpperCase() && word.length > 1) return false;
  return !NOT_NAMES.has(word.toLowerCase());
}

function roleOf(word: string, insideName: boolean): string | undefined {
  const lower = word.toLowerCase();
  for (const candidate of [lower, lower.replace(/s$/, '')]) {
    if (!BYSTANDER_ROLES.has(candidate) && !OTHER_ROLES.has(candidate)) continue;
    const capitalised = word !== lower;
    return insideName && capitalised && SURNAME_ROLES.has(candidate) ? undefined : candidate;
  }
  return undefined;
}

const MIN_AGE = 14;
const MAX_AGE = 110;

function ageOf(text: string, start: number, end: number): { age?: number } {
  const after = /^(?:,\s*(?:aged\s+)?(\d{1,3})\s*[,.;)]|\s*\((\d{1,3})\))/u.exec(text.slice(end, end + 16));
  const before = /(\d{1,3})-year-old\s+(?:[\p{Ll}-]+\s+){0,3}$/u.exec(
    text.slice(Math.max(0, start - 60), start),
  );
  const raw = after?.[1] ?? after?.[2] ?? before?.[1];
  if (raw === undefined) return {};
  const age = Number(raw);
  return age >= MIN_AGE && age <= MAX_AGE ? { age } : {};
}

import type { RiskCategory } from './risk-category';
import { words } from './word-list';

/**
 * A phrase and how much it says that an article is about an offence. Phrases are written as news text writes
 * them; the classifier stems them with the text, so one inflection covers the others ("launder" also finds
 * "laundered", "laundering"). Between two words of a phrase up to two other words may stand ("evading US
 * sanctions"). Weights: about 1.5 for the offence named outright, about 1 for a strong indicator, 0.5 or less
 * for context that only colours an article.
 */
export interface LexiconEntry {
  phrase: string;
  weight: number;
}

export const RISK_LEXICON: Readonly<Record<RiskCategory, readonly LexiconEntry[]>> = {
  financial_crime: [
    { phrase: 'financial crime', weight: 1.3 },
    { phrase: 'insider trading', weight: 1.5 },
    { phrase: 'insider dealing', weight: 1.5 },
    { phrase: 'market manipulation', weight: 1.5 },
    { phrase: 'manipulated the market', weight: 1.3 },
    { phrase: 'market abuse', weight: 1.4 },
    { phrase: 'pump and dump', weight: 1.4 },
    { phrase: 'front running', weight: 1.2 },
    { phrase: 'price fixing', weight: 1.1 },
    { phrase: 'accounting irregularities', weight: 0.9 },
    { phrase: 'breach of fiduciary duty', weight: 0.9 },
    { phrase: 'unlicensed lending', weight: 0.9 },
    { phrase: 'securities violations', weight: 1.1 },
    { phrase: 'misled investors', weight: 0.9 },
  ],
  fraud: [
    { phrase: 'fraud', weight: 1.3 },
    { phrase: 'fraudulent', weight: 1.2 },
    { phrase: 'fraudster', weight: 1.5 },
    { phrase: 'defraud', weight: 1.5 },
    { phrase: 'ponzi', weight: 1.5 },
    { phrase: 'pyramid scheme', weight: 1.3 },
    { phrase: 'scam', weight: 1 },
    { phrase: 'scammer', weight: 1.2 },
    { phrase: 'swindle', weight: 1.2 },
    { phrase: 'swindler', weight: 1.3 },
    { phrase: 'con artist', weight: 1.2 },
    { phrase: 'embezzle', weight: 1.4 },
    { phrase: 'embezzlement', weight: 1.4 },
    { phrase: 'misappropriate', weight: 1.1 },
    { phrase: 'misappropriation', weight: 1.1 },
    { phrase: 'forgery', weight: 1 },
    { phrase: 'forged documents', weight: 1.1 },
    { phrase: 'false accounting', weight: 1.2 },
    { phrase: 'identity theft', weight: 1 },
    { phrase: 'counterfeit', weight: 0.7 },
    { phrase: 'deceived investors', weight: 1 },
  ],
  corruption: [
    { phrase: 'corruption', weight: 1.4 },
    { phrase: 'corrupt', weight: 1 },
    { phrase: 'bribe', weight: 1.4 },
    { phrase: 'bribery', weight: 1.5 },
    { phrase: 'kickback', weight: 1.3 },
    { phrase: 'backhander', weight: 1.1 },
    { phrase: 'graft', weight: 1 },
    { phrase: 'abuse of office', weight: 1.2 },
    { phrase: 'abuse of power', weight: 1 },
    { phrase: 'influence peddling', weight: 1.3 },
    { phrase: 'illicit enrichment', weight: 1.3 },
    { phrase: 'slush fund', weight: 1 },
    { phrase: 'bid rigging', weight: 1.1 },
    { phrase: 'rigged tender', weight: 1.1 },
    { phrase: 'misuse of public funds', weight: 1.2 },
    { phrase: 'nepotism', weight: 0.7 },
    { phrase: 'state capture', weight: 1 },
  ],
  terrorism: [
    { phrase: 'terrorism', weight: 1.6 },
    { phrase: 'terrorist', weight: 1.5 },
    { phrase: 'terror', weight: 1 },
    { phrase: 'terror financing', weight: 1.6 },
    { phrase: 'financing of terrorism', weight: 1.6 },
    { phrase: 'jihadist', weight: 1.2 },
    { phrase: 'extremist', weight: 0.9 },
    { phrase: 'radicalised', weight: 0.9 },
    { phrase: 'militant', weight: 0.8 },
    { phrase: 'insurgent', weight: 0.8 },
    { phrase: 'bomb plot', weight: 1.4 },
    { phrase: 'suicide bomber', weight: 1.5 },
    { phrase: 'bombing', weight: 0.9 },
    { phrase: 'armed group', weight: 0.7 },
  ],
  sanctions_evasion: [
    { phrase: 'sanctions evasion', weight: 1.6 },
    { phrase: 'evade sanctions', weight: 1.6 },
    { phrase: 'evading sanctions', weight: 1.6 },
    { phrase: 'circumvent sanctions', weight: 1.5 },
    { phrase: 'sanctions busting', weight: 1.5 },
    { phrase: 'sanctions violation', weight: 1.4 },
    { phrase: 'violated sanctions', weight: 1.4 },
    { phrase: 'breach of sanctions', weight: 1.4 },
    { phrase: 'breached sanctions', weight: 1.4 },
    { phrase: 'sanctioned entity', weight: 1 },
    { phrase: 'embargo', weight: 0.8 },
    { phrase: 'export controls', weight: 0.8 },
    { phrase: 'dual use goods', weight: 0.9 },
    { phrase: 'front company', weight: 1 },
    { phrase: 'ship to ship transfer', weight: 1 },
    { phrase: 'dark fleet', weight: 1 },
    { phrase: 'switched off transponder', weight: 1 },
    { phrase: 'sanctions', weight: 0.4 },
  ],
  money_laundering: [
    { phrase: 'money laundering', weight: 1.7 },
    { phrase: 'launder', weight: 1.5 },
    { phrase: 'launderer', weight: 1.5 },
    { phrase: 'laundromat', weight: 1 },
    { phrase: 'proceeds of crime', weight: 1.2 },
    { phrase: 'dirty money', weight: 1.2 },
    { phrase: 'illicit funds', weight: 1.1 },
    { phrase: 'structuring deposits', weight: 1 },
    { phrase: 'smurfing', weight: 1 },
    { phrase: 'suspicious transactions', weight: 0.8 },
    { phrase: 'shell company', weight: 0.6 },
    { phrase: 'hawala', weight: 0.5 },
    { phrase: 'cash courier', weight: 0.6 },
  ],
  organised_crime: [
    { phrase: 'organised crime', weight: 1.6 },
    { phrase: 'organized crime', weight: 1.6 },
    { phrase: 'crime syndicate', weight: 1.4 },
    { phrase: 'criminal network', weight: 1.2 },
    { phrase: 'criminal organisation', weight: 1.3 },
    { phrase: 'criminal organization', weight: 1.3 },
    { phrase: 'mafia', weight: 1.3 },
    { phrase: 'mob boss', weight: 1.4 },
    { phrase: 'crime family', weight: 1.3 },
    { phrase: 'crime boss', weight: 1.4 },
    { phrase: 'racketeering', weight: 1.4 },
    { phrase: 'protection racket', weight: 1.3 },
    { phrase: 'extortion', weight: 1.2 },
    { phrase: 'extort', weight: 1.2 },
    { phrase: 'loan shark', weight: 1 },
    { phrase: 'gang', weight: 0.8 },
    { phrase: 'cartel', weight: 0.7 },
  ],
  drug_trafficking: [
    { phrase: 'drug trafficking', weight: 1.7 },
    { phrase: 'drug trafficker', weight: 1.7 },
    { phrase: 'drug smuggling', weight: 1.6 },
    { phrase: 'drug cartel', weight: 1.5 },
    { phrase: 'drug dealer', weight: 1.3 },
    { phrase: 'drug lord', weight: 1.4 },
    { phrase: 'narcotics', weight: 1.2 },
    { phrase: 'cocaine', weight: 1.2 },
    { phrase: 'heroin', weight: 1.2 },
    { phrase: 'methamphetamine', weight: 1.2 },
    { phrase: 'fentanyl', weight: 1.2 },
    { phrase: 'cannabis', weight: 0.6 },
    { phrase: 'kingpin', weight: 0.9 },
  ],
  human_trafficking: [
    { phrase: 'human trafficking', weight: 1.7 },
    { phrase: 'people trafficking', weight: 1.7 },
    { phrase: 'sex trafficking', weight: 1.7 },
    { phrase: 'trafficking of women', weight: 1.6 },
    { phrase: 'trafficking of children', weight: 1.6 },
    { phrase: 'people smuggling', weight: 1.4 },
    { phrase: 'migrant smuggling', weight: 1.4 },
    { phrase: 'smuggling migrants', weight: 1.4 },
    { phrase: 'forced labour', weight: 1.4 },
    { phrase: 'forced labor', weight: 1.4 },
    { phrase: 'modern slavery', weight: 1.5 },
    { phrase: 'debt bondage', weight: 1.3 },
    { phrase: 'child labour', weight: 0.9 },
    { phrase: 'exploitation', weight: 0.4 },
  ],
  arms_trafficking: [
    { phrase: 'arms trafficking', weight: 1.7 },
    { phrase: 'arms trafficker', weight: 1.7 },
    { phrase: 'weapons trafficking', weight: 1.7 },
    { phrase: 'arms smuggling', weight: 1.6 },
    { phrase: 'weapons smuggling', weight: 1.6 },
    { phrase: 'smuggled weapons', weight: 1.5 },
    { phrase: 'gunrunning', weight: 1.5 },
    { phrase: 'gun running', weight: 1.5 },
    { phrase: 'arms dealer', weight: 1.1 },
    { phrase: 'illegal arms', weight: 1.4 },
    { phrase: 'illicit weapons', weight: 1.3 },
    { phrase: 'arms embargo', weight: 1.1 },
  ],
  cybercrime: [
    { phrase: 'cybercrime', weight: 1.5 },
    { phrase: 'ransomware', weight: 1.4 },
    { phrase: 'phishing', weight: 1.2 },
    { phrase: 'malware', weight: 1.1 },
    { phrase: 'botnet', weight: 1.2 },
    { phrase: 'hacking', weight: 1 },
    { phrase: 'hacker', weight: 1 },
    { phrase: 'hacked', weight: 0.8 },
    { phrase: 'cyberattack', weight: 1 },
    { phrase: 'cyber attack', weight: 1 },
    { phrase: 'darknet market', weight: 1.1 },
    { phrase: 'dark web', weight: 0.8 },
    { phrase: 'denial of service', weight: 1 },
    { phrase: 'sim swap', weight: 1 },
    { phrase: 'carding', weight: 0.9 },
    { phrase: 'data breach', weight: 0.5 },
  ],
  tax_evasion: [
    { phrase: 'tax evasion', weight: 1.7 },
    { phrase: 'evading tax', weight: 1.6 },
    { phrase: 'evade tax', weight: 1.6 },
    { phrase: 'evaded taxes', weight: 1.6 },
    { phrase: 'tax fraud', weight: 1.6 },
    { phrase: 'tax dodging', weight: 1.3 },
    { phrase: 'vat fraud', weight: 1.5 },
    { phrase: 'carousel fraud', weight: 1.5 },
    { phrase: 'false tax returns', weight: 1.3 },
    { phrase: 'undeclared income', weight: 1.1 },
    { phrase: 'unpaid taxes', weight: 0.8 },
    { phrase: 'hidden offshore', weight: 0.8 },
    { phrase: 'offshore accounts', weight: 0.6 },
    { phrase: 'tax haven', weight: 0.4 },
  ],
  violent_crime: [
    { phrase: 'murder', weight: 1.5 },
    { phrase: 'homicide', weight: 1.4 },
    { phrase: 'manslaughter', weight: 1.3 },
    { phrase: 'assault', weight: 1.1 },
    { phrase: 'kidnap', weight: 1.3 },
    { phrase: 'abduction', weight: 1.2 },
    { phrase: 'armed robbery', weight: 1.4 },
    { phrase: 'robbery', weight: 1 },
    { phrase: 'stabbing', weight: 1 },
    { phrase: 'grievous bodily harm', weight: 1.3 },
    { phrase: 'torture', weight: 1.2 },
    { phrase: 'war crimes', weight: 1.5 },
    { phrase: 'shooting', weight: 0.7 },
  ],
};

/**
 * Words of legal process or accusation. An offence word with none of them nearby is often the topic, not an
 * accusation ("a conference on fraud"), so the classifier trusts it less.
 */
export const ALLEGATION_CUES: readonly string[] = [
  ...words(`
    arrested charged indicted convicted conviction sentenced prosecuted prosecution accused accusation
    alleged allegation suspected suspect investigated investigation probe raid detained custody extradited
    extradition guilty pleaded fined jailed prison trial court fugitive wanted seized confessed admitted
    implicated sanctioned designated barred banned
  `),
  'struck off',
];

/**
 * Outcomes that clear a person: an offence word near one of them is a story of innocence. A `*` lets up to
 * five words stand between two words of a cue ("charges against the two men were dropped"); elsewhere one may.
 */
export const EXCULPATORY_CUES: readonly string[] = [
  'acquitted',
  'acquittal',
  'cleared of',
  'cleared him',
  'cleared her',
  'cleared them',
  'cleared by',
  'cleared * charges',
  'exonerated',
  'not guilty',
  'found innocent',
  'proven innocent',
  'charges * dropped',
  'dropped * charges',
  'charges * withdrawn',
  'withdrew * charges',
  'charges * dismissed',
  'dismissed * charges',
  'case * dismissed',
  'dismissed the case',
  'case collapsed',
  'no wrongdoing',
  'conviction * overturned',
  'overturned * conviction',
  'conviction * quashed',
  'quashed * conviction',
  'wrongly accused',
  'falsely accused',
  'no case to answer',
  'no evidence',
  'not charged',
  'never charged',
  'no charges',
  'not involved',
  'not a suspect',
  'no longer a suspect',
];

/** A plea of "not guilty" is a denial, not an outcome: after these words it clears nobody. */
export const PLEA_WORDS: readonly string[] = ['plead', 'pleaded', 'pleads', 'pleading', 'pled', 'plea'];

/** Negations: an offence word within a few words after one of them is denied ("no sign of fraud"). */
export const NEGATION_WORDS: readonly string[] = words(`
  not no never without nor neither nothing
`);

/** "anti-fraud", "counter-terrorism": the word names the fight against the offence. */
export const NEUTRALISING_PREFIXES: readonly string[] = ['anti', 'counter'];

/** "fraud prevention expert": the word names a profession or topic, not an offence. */
export const NEUTRALISING_FOLLOWERS: readonly string[] = words(`
  prevention detection compliance awareness expert specialist researcher training conference software
  summit seminar course policy consultant analyst programme program
`);

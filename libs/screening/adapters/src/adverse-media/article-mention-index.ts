import { extractNameMentions, splitSentences, type NameMention, type TextSpan } from '@kyc/screening-domain';
import type { CorpusArticle } from './article-corpus';
import { nameTokens, tokenKeys } from './name-index-keys';

/** A name found in an article, with where it stands. */
export interface IndexedMention {
  id: number;
  article: number;
  /** Index of the body sentence holding the mention; undefined for a mention in the title. */
  sentence?: number;
  mention: NameMention;
  /** Keys of the name's identifying tokens (particles left out), one list per token. */
  keys: string[][];
}

/** An article prepared once at load: its sentences and the names it mentions. */
export interface IndexedArticle {
  article: CorpusArticle;
  sentences: TextSpan[];
  mentions: IndexedMention[];
}

/**
 * The corpus with an inverted index from name-token keys to the mentions holding them, built once at load, so
 * a query compares the subject only with mentions that share keys with it instead of reading every article.
 */
export class ArticleMentionIndex {
  readonly articles: IndexedArticle[];
  private readonly mentions: IndexedMention[] = [];
  private readonly postings = new Map<string, number[]>();

  constructor(corpus: readonly CorpusArticle[]) {
    this.articles = corpus.map((article, articleIndex) => {
      const sentences = splitSentences(article.body);
      const mentions = [
        ...extractNameMentions(article.title).map((mention) => this.add(articleIndex, undefined, mention)),
        ...sentences.flatMap((sentence, sentenceIndex) =>
          extractNameMentions(sentence.text).map((mention) => this.add(articleIndex, sentenceIndex, mention)),
        ),
      ];
      return { article, sentences, mentions };
    });
  }

  /**
   * The mentions sharing keys with at least two of the name's identifying tokens (one for a one-token name):
   * a shared first name alone does not make a candidate, nor does a bare surname ("Okafor said"), which names
   * the person only for a reader who has met the full name before.
   */
  candidates(name: string): IndexedMention[] {
    const tokens = nameTokens(name);
    const required = Math.min(2, tokens.length);
    const hits = new Map<number, number>();
    for (const token of tokens) {
      const ids = new Set(tokenKeys(token).flatMap((key) => this.postings.get(key) ?? []));
      for (const id of ids) hits.set(id, (hits.get(id) ?? 0) + 1);
    }
    return [...hits].filter(([, count]) => count >= required).map(([id]) => this.mentions[id]);
  }

  private add(article: number, sentence: number | undefined, mention: NameMention): IndexedMention {
    const tokens = nameTokens(mention.text);
    const indexed: IndexedMention = {
      id: this.mentions.length,
      article,
      ...(sentence === undefined ? {} : { sentence }),
      mention,
      keys: tokens.map(tokenKeys),
    };
    this.mentions.push(indexed);
    for (const key of new Set(indexed.keys.flat())) {
      const posting = this.postings.get(key);
      if (posting) posting.push(indexed.id);
      else this.postings.set(key, [indexed.id]);
    }
    return indexed;
  }
}

// The npm tools riskhint is benchmarked beside (./build.sh bench), each as text → flagged or not.
// They only look for profanity or insensitive words, in English: far less than riskhint does.
import leo from 'leo-profanity';
import { profanity } from '@2toad/profanity';
import { text as alex } from 'alex';
import { RegExpMatcher, englishDataset, englishRecommendedTransformers } from 'obscenity';

const obscenity = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });

/** @type {Record<string, (text: string) => boolean>} */
export const PEERS = {
  obscenity: (text) => obscenity.hasMatch(text),
  'leo-profanity': (text) => leo.check(text),
  '@2toad/profanity': (text) => profanity.exists(text),
  alex: (text) => alex(text).messages.length > 0,
};

// Full-text search over decisions, agenda notes, minutes and amendments.
// An inverted index in plain tables (SearchEntry, SearchTerm), kept in the writing
// transaction: an FTS5 virtual table would be dropped by the migration differ, which sees
// its shadow tables as strays. Ranking is BM25 over prefix matches of the query's terms.
import type { ReadClient, Tx } from "../../db/client.ts";
import { badInput } from "../../lib/errors.ts";

export type SearchKind = "DECISION" | "AGENDA_ITEM" | "MINUTES" | "AMENDMENT";

export interface SearchDocument {
  authorityId: string;
  kind: SearchKind;
  objectId: string;
  meetingId: string;
  date: string;
  title: string;
  body: string;
}

const STOPWORDS = new Set(
  (
    "der die das den dem des ein eine einer eines einem einen und oder aber auch als am an auf aus bei bis " +
    "da dass durch fur im in ins ist mit nach nicht noch nur ob so um uber unter von vom vor wie wir zu zum zur " +
    "es sie er ich ihr wird werden wurde wurden hat haben sind sein war was wer wo wann " +
    "the a an and or of to in on for at by with about what did we is are was were"
  ).split(" "),
);

/** Lower case, without diacritics (ä → a, ß → ss), split into words; stopwords dropped. */
export function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/ß/g, "ss")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length >= 2 && !STOPWORDS.has(word));
}

/** A query word matches every indexed word it is a prefix of; plural and case endings are cut first. */
function queryStem(word: string): string {
  if (word.length <= 4) return word;
  const stemmed = word.replace(/(en|er|es|e|n|s)$/, "");
  return stemmed.length >= 4 ? stemmed : word;
}

const TITLE_WEIGHT = 3;

/** Writes (or rewrites) the index entry of one record. */
export async function indexDocument(tx: Tx, doc: SearchDocument): Promise<void> {
  const weights = termWeights(doc);
  const length = [...weights.values()].reduce((sum, w) => sum + w, 0);
  const entry = await tx.searchEntry.upsert({
    where: { objectId: doc.objectId },
    create: { ...doc, length },
    update: { title: doc.title, body: doc.body, date: doc.date, length },
  });
  await tx.searchTerm.deleteMany({ where: { entryId: entry.id } });
  if (weights.size > 0) {
    await tx.searchTerm.createMany({
      data: [...weights].map(([term, weight]) => ({ term, entryId: entry.id, weight })),
    });
  }
}

/** Removes the index entry of a record that no longer exists (its terms go with it). */
export async function unindexDocument(tx: Tx, objectId: string): Promise<void> {
  await tx.searchEntry.deleteMany({ where: { objectId } });
}

/** Rows for createMany, for bulk indexing (the demo seed): entries with ids chosen by the caller. */
export function indexRows(docs: (SearchDocument & { id: string })[]) {
  const entries = [];
  const terms = [];
  for (const doc of docs) {
    const weights = termWeights(doc);
    entries.push({ ...doc, length: [...weights.values()].reduce((sum, w) => sum + w, 0) });
    for (const [term, weight] of weights) terms.push({ term, entryId: doc.id, weight });
  }
  return { entries, terms };
}

function termWeights(doc: { title: string; body: string }): Map<string, number> {
  const weights = new Map<string, number>();
  for (const word of tokenize(doc.title)) weights.set(word, (weights.get(word) ?? 0) + TITLE_WEIGHT);
  for (const word of tokenize(doc.body)) weights.set(word, (weights.get(word) ?? 0) + 1);
  return weights;
}

export interface SearchHit {
  entryId: string;
  kind: SearchKind;
  objectId: string;
  meetingId: string;
  date: string;
  title: string;
  snippet: string;
  score: number;
}

/**
 * Documents of the given authorities that contain every query word (as a prefix), best
 * first. Four statements whatever the index size: count, matching terms, document
 * frequencies come from the same rows, then the top documents.
 */
export async function searchIndex(
  db: ReadClient,
  input: { authorityIds: string[]; text: string; from?: string | null; to?: string | null; first: number },
): Promise<SearchHit[]> {
  const words = [...new Set(tokenize(input.text).map(queryStem))];
  if (words.length === 0) throw badInput("text", "Bitte mindestens ein Suchwort angeben.");
  if (words.length > 10) throw badInput("text", "Bitte höchstens zehn Suchwörter angeben.");
  const entryScope = {
    authorityId: { in: input.authorityIds },
    ...(input.from || input.to
      ? { date: { ...(input.from ? { gte: input.from } : {}), ...(input.to ? { lte: input.to } : {}) } }
      : {}),
  };
  const [documents, averageLength, rows] = await Promise.all([
    db.searchEntry.count({ where: entryScope }),
    db.searchEntry.aggregate({ where: entryScope, _avg: { length: true } }),
    db.searchTerm.findMany({
      where: {
        OR: words.map((word) => ({ term: { gte: word, lt: `${word}\uffff` } })),
        entry: entryScope,
      },
      select: { term: true, entryId: true, weight: true, entry: { select: { length: true } } },
    }),
  ]);
  // Per query word: which documents match it and how often.
  const matches = words.map(() => new Map<string, { tf: number; length: number }>());
  for (const row of rows) {
    words.forEach((word, i) => {
      if (!row.term.startsWith(word)) return;
      const seen = matches[i]?.get(row.entryId);
      matches[i]?.set(row.entryId, { tf: (seen?.tf ?? 0) + row.weight, length: row.entry.length });
    });
  }
  const avg = averageLength._avg.length ?? 1;
  const k1 = 1.2;
  const b = 0.75;
  const scores = new Map<string, number>();
  const [firstWord, ...otherWords] = matches;
  for (const entryId of firstWord?.keys() ?? []) {
    if (!otherWords.every((m) => m.has(entryId))) continue;
    let score = 0;
    for (const m of matches) {
      const hit = m.get(entryId);
      if (!hit) continue;
      const idf = Math.log(1 + (documents - m.size + 0.5) / (m.size + 0.5));
      score += (idf * hit.tf * (k1 + 1)) / (hit.tf + k1 * (1 - b + (b * hit.length) / avg));
    }
    scores.set(entryId, score);
  }
  const top = [...scores].sort((x, y) => y[1] - x[1]).slice(0, input.first);
  if (top.length === 0) return [];
  const entries = await db.searchEntry.findMany({ where: { id: { in: top.map(([id]) => id) } } });
  const byId = new Map(entries.map((e) => [e.id, e]));
  return top.flatMap(([id, score]) => {
    const entry = byId.get(id);
    if (!entry) return [];
    return [
      {
        entryId: entry.id,
        kind: entry.kind as SearchKind,
        objectId: entry.objectId,
        meetingId: entry.meetingId,
        date: entry.date,
        title: entry.title,
        snippet: snippet(entry.body || entry.title, words),
        score: Math.round(score * 1000) / 1000,
      },
    ];
  });
}

/** Up to 200 characters around the first matching word. */
function snippet(body: string, words: string[]): string {
  const plain = body
    .toLowerCase()
    .replace(/ß/g, "ss")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "");
  // Normalising may change lengths (ß → ss); only use the position when it maps back one to one.
  const position =
    plain.length === body.length ? Math.min(...words.map((w) => plain.indexOf(w)).filter((i) => i >= 0)) : 0;
  const start = Number.isFinite(position) ? Math.max(0, position - 60) : 0;
  const text = body
    .slice(start, start + 200)
    .replace(/\s+/g, " ")
    .trim();
  return `${start > 0 ? "…" : ""}${text}${start + 200 < body.length ? "…" : ""}`;
}

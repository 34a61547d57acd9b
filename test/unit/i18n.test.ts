import englishMessages from "ra-language-english";
import { describe, expect, it } from "vitest";
import { raGermanMessages } from "../../admin/src/i18n/ra-de.ts";

type Messages = { [key: string]: unknown };

/** Flattens nested messages to `dotted.key.path -> value` (non-objects are leaves). */
function flatten(messages: Messages, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === "object") {
      for (const [k, v] of flatten(value as Messages, path)) out.set(k, v);
    } else {
      out.set(path, value);
    }
  }
  return out;
}

const english = flatten(englishMessages);
const german = flatten(raGermanMessages);

/**
 * German values that may equal the English ones: genuinely identical words, and values made of
 * placeholders or whitespace only (nothing to translate).
 */
const IDENTICAL_ALLOWED = new Set(["Details", " ", "%{name}", "%{name} %{recordRepresentation}"]);

/**
 * Deliberate placeholder substitutions, per key. react-admin passes both `field` and
 * `field_lower_first` to `ra.sort.sort_by`; German nouns are capitalised, so we use `field`.
 */
const PLACEHOLDER_SUBSTITUTES: Record<string, Record<string, string>> = {
  "ra.sort.sort_by": { field_lower_first: "field" },
};

const PLURAL_SEPARATOR = "||||";

function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/%\{([^}]+)\}/g)].map((m) => m[1] ?? ""))].sort();
}

function pluralForms(text: string): string[] {
  return text.split(PLURAL_SEPARATOR);
}

describe("German react-admin messages (ra-de)", () => {
  it("the English source has the expected shape", () => {
    expect(english.size).toBeGreaterThan(150);
    for (const [key, value] of english) expect(typeof value, key).toBe("string");
  });

  it("has every English key", () => {
    const missing = [...english.keys()].filter((key) => !german.has(key));
    expect(missing, `missing German keys:\n  ${missing.join("\n  ")}`).toEqual([]);
  });

  it("has no keys that English does not have", () => {
    const extra = [...german.keys()].filter((key) => !english.has(key));
    expect(extra, `extra German keys:\n  ${extra.join("\n  ")}`).toEqual([]);
  });

  it("has only non-empty string values", () => {
    const bad = [...german].filter(([, value]) => typeof value !== "string" || value === "");
    expect(bad.map(([key]) => key)).toEqual([]);
  });

  it("keeps the placeholders and plural forms of every message", () => {
    const problems: string[] = [];
    for (const [key, en] of english) {
      const de = german.get(key);
      if (typeof en !== "string" || typeof de !== "string") continue;
      const enForms = pluralForms(en);
      const deForms = pluralForms(de);
      if (enForms.length !== deForms.length) {
        problems.push(`${key}: ${enForms.length - 1} "||||" in English, ${deForms.length - 1} in German`);
        continue;
      }
      const substitutes = PLACEHOLDER_SUBSTITUTES[key] ?? {};
      enForms.forEach((enForm, i) => {
        const expected = [...new Set(placeholders(enForm).map((p) => substitutes[p] ?? p))].sort();
        const actual = placeholders(deForms[i] ?? "");
        if (expected.join(",") !== actual.join(",")) {
          problems.push(`${key} (form ${i + 1}): expected {${expected}} but got {${actual}}`);
        }
      });
    }
    expect(problems, problems.join("\n")).toEqual([]);
  });

  it("uses only known keys in the placeholder substitutions", () => {
    for (const key of Object.keys(PLACEHOLDER_SUBSTITUTES)) expect(english.has(key), key).toBe(true);
  });

  it("translates every message (apart from the allow-list)", () => {
    const untranslated = [...english]
      .filter(([key, en]) => german.get(key) === en && !IDENTICAL_ALLOWED.has(en as string))
      .map(([key, en]) => `${key}: ${JSON.stringify(en)}`);
    expect(untranslated, `untranslated:\n  ${untranslated.join("\n  ")}`).toEqual([]);
  });
});

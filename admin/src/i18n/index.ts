// German throughout: our own react-admin message set, the hub's own labels, and English only
// as the fallback for a key that has no German text yet.
import type { TranslationMessages } from "ra-core";
import polyglotI18nProvider from "ra-i18n-polyglot";
import englishMessages from "ra-language-english";
import { controllingMessages } from "../controlling/index.tsx";
import { escalationsMessages } from "../escalations/index.tsx";
import { governanceMessages } from "../governance/index.tsx";
import { mailMessages } from "../mail/index.tsx";
import { organisationsMessages } from "../organisations/index.tsx";
import { plansMessages } from "../plans/index.tsx";
import { providerMessages } from "../provider/index.tsx";
import { uiMessages } from "../ui/messages.ts";
import { hubMessages } from "./hub.ts";
import { raGermanMessages } from "./ra-de.ts";

type Messages = { [key: string]: string | Messages };

function merge(...sources: Messages[]): Messages {
  const result: Messages = {};
  for (const source of sources) {
    for (const [key, value] of Object.entries(source)) {
      const existing = result[key];
      result[key] =
        typeof value === "object" && typeof existing === "object"
          ? merge(existing, value)
          : (value as string | Messages);
    }
  }
  return result;
}

export const germanMessages = merge(
  raGermanMessages as Messages,
  hubMessages,
  organisationsMessages as Messages,
  governanceMessages as Messages,
  controllingMessages as Messages,
  escalationsMessages as Messages,
  plansMessages as Messages,
  providerMessages as Messages,
  mailMessages as Messages,
  uiMessages,
);

function lookup(messages: Messages, key: string): string | undefined {
  const value = key
    .split(".")
    .reduce<string | Messages | undefined>(
      (node, part) => (typeof node === "object" ? node[part] : undefined),
      messages,
    );
  return typeof value === "string" ? value : undefined;
}

export const i18nProvider = polyglotI18nProvider(
  () => germanMessages as unknown as TranslationMessages,
  "de",
  [{ locale: "de", name: "Deutsch" }],
  {
    allowMissing: true,
    onMissingKey: (key: string) => lookup(englishMessages as unknown as Messages, key) ?? key,
  },
);

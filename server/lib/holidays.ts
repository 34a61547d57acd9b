// Statewide public holidays of the federal states the hub's authorities lie in. Sources: the
// holiday laws of the states — Mecklenburg-Vorpommern: Feiertagsgesetz M-V § 2 (Internationaler
// Frauentag since 2023); Saarland: Gesetz Nr. 1040 über die Sonn- und Feiertage § 1; Thüringen:
// Thüringer Feiertagsgesetz § 2 (Weltkindertag since 2019). Holidays that only some
// municipalities keep (Fronleichnam in parts of Thüringen) are left out.

export type FederalState = "MV" | "SL" | "TH";

type Rule = { name: string; from?: number } & ({ month: number; day: number } | { easterOffset: number });

const COMMON: Rule[] = [
  { name: "Neujahr", month: 1, day: 1 },
  { name: "Karfreitag", easterOffset: -2 },
  { name: "Ostermontag", easterOffset: 1 },
  { name: "Tag der Arbeit", month: 5, day: 1 },
  { name: "Christi Himmelfahrt", easterOffset: 39 },
  { name: "Pfingstmontag", easterOffset: 50 },
  { name: "Tag der Deutschen Einheit", month: 10, day: 3 },
  { name: "1. Weihnachtstag", month: 12, day: 25 },
  { name: "2. Weihnachtstag", month: 12, day: 26 },
];

const BY_STATE: Record<FederalState, Rule[]> = {
  MV: [
    { name: "Internationaler Frauentag", month: 3, day: 8, from: 2023 },
    { name: "Reformationstag", month: 10, day: 31 },
  ],
  SL: [
    { name: "Fronleichnam", easterOffset: 60 },
    { name: "Mariä Himmelfahrt", month: 8, day: 15 },
    { name: "Allerheiligen", month: 11, day: 1 },
  ],
  TH: [
    { name: "Weltkindertag", month: 9, day: 20, from: 2019 },
    { name: "Reformationstag", month: 10, day: 31 },
  ],
};

export function isFederalState(value: string): value is FederalState {
  return value in BY_STATE;
}

/** Easter Sunday (Gregorian), by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(Date.UTC(year, month - 1, day));
}

function iso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const cache = new Map<string, Map<string, string>>();

/** The public holidays of a state in a year: date (YYYY-MM-DD) → German name. */
export function holidays(state: FederalState, year: number): Map<string, string> {
  const key = `${state}${year}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const easter = Date.parse(`${easterSunday(year)}T00:00:00Z`);
  const result = new Map<string, string>();
  for (const rule of [...COMMON, ...BY_STATE[state]]) {
    if (rule.from && year < rule.from) continue;
    const date =
      "easterOffset" in rule
        ? iso(easter + rule.easterOffset * 86_400_000)
        : iso(Date.UTC(year, rule.month - 1, rule.day));
    result.set(date, rule.name);
  }
  cache.set(key, result);
  return result;
}

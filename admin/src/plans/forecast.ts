// The forecast that feeds next year's order: what the adopted media development plan foresees for
// a year by service line, filled into the provider's draft of the service order as its start.
import { request } from "../graphql.ts";
import { editText, PERSON_DAYS } from "../ui/numbers.ts";

export interface PlanForecast {
  year: number;
  personDays: string;
  plan: { id: string; title: string; version: number } | null;
  lines: { serviceLine: string; personDays: string; measures: number }[];
}

export async function loadForecast(authorityId: string, year: number): Promise<PlanForecast> {
  const data = await request<{ mediaPlanForecast: PlanForecast }>(
    `query ($authorityId: ID!, $year: Int!) { mediaPlanForecast(authorityId: $authorityId, year: $year) {
      year personDays plan { id title version } lines { serviceLine personDays measures } } }`,
    { authorityId, year },
  );
  return data.mediaPlanForecast;
}

interface Line {
  key: number;
  name: string;
  personDays: string;
}

/**
 * The forecast's service lines fill the draft's lines of the same name (a new line where the
 * draft has none); lines the person has typed figures into stay, empty ones the plan does not
 * name go, so that the proposal can be submitted as it is.
 */
export function applyForecast<L extends Line>(
  lines: L[],
  forecast: PlanForecast,
  make: (line: Line) => L,
): L[] {
  const same = (a: string, b: string) =>
    a.trim().toLocaleLowerCase("de") === b.trim().toLocaleLowerCase("de");
  const named = (line: L) => forecast.lines.some((f) => same(f.serviceLine, line.name));
  let next = Math.max(0, ...lines.map((l) => l.key)) + 1;
  const kept = lines
    .filter((line) => named(line) || line.personDays.trim() !== "")
    .map((line) => {
      const found = forecast.lines.find((f) => same(f.serviceLine, line.name));
      return found ? { ...line, personDays: editText(found.personDays, PERSON_DAYS) } : line;
    });
  const added = forecast.lines
    .filter((f) => !kept.some((line) => same(f.serviceLine, line.name)))
    .map((f) => make({ key: next++, name: f.serviceLine, personDays: editText(f.personDays, PERSON_DAYS) }));
  const result = [...kept, ...added];
  return result.length > 0 ? result : lines;
}

// Minutes as PDF and Markdown, the iCal feed, and what a foreign authority's person gets:
// nothing, by query, search, export or subscription.
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ok, schwerinIds } from "../helpers/governance.ts";
import { codes, collect, gid, startHub, type TestHub } from "../helpers/hub.ts";
import { pdfText } from "../helpers/pdf.ts";

let hub: TestHub;
let ids: Awaited<ReturnType<typeof schwerinIds>>;
const tokens: Record<string, string> = {};
let finalMeeting: { id: string; dbId: string; decisions: string[] };
let draftMeeting: { id: string; dbId: string };
let decisionId: string;

beforeAll(async () => {
  hub = await startHub();
  ids = await schwerinIds(hub);
  tokens.officer = await hub.login("schul-it@schwerin.example");
  tokens.parchim = await hub.login("controlling@parchim.example");
  tokens.kits = await hub.login("servicemanager@kits.example");
  const meetings = await hub.db.read.meeting.findMany({
    where: { authorityId: ids.authorityDbId, kind: "JOUR_FIXE", decisions: { some: {} } },
    include: { decisions: true },
    orderBy: { scheduledAt: "desc" },
  });
  const final =
    meetings.find((m) => m.minutesStatus === "FINAL" && m.decisions.length >= 2) ??
    meetings.find((m) => m.minutesStatus === "FINAL");
  const draft = await hub.db.read.meeting.findFirstOrThrow({
    where: {
      authorityId: ids.authorityDbId,
      minutesStatus: "DRAFT",
      status: "SCHEDULED",
      agendaItems: { some: {} },
    },
  });
  if (!final) throw new Error("demo data has no final meeting with decisions");
  finalMeeting = {
    id: gid("Meeting", final.id),
    dbId: final.id,
    decisions: final.decisions.map((d) => d.title),
  };
  draftMeeting = { id: gid("Meeting", draft.id), dbId: draft.id };
  decisionId = gid("Decision", final.decisions[0]?.id ?? "");
});
afterAll(() => hub.close());

async function download(path: string, token?: string) {
  const response = await fetch(`${hub.url}${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return {
    status: response.status,
    type: response.headers.get("content-type") ?? "",
    body: Buffer.from(await response.arrayBuffer()),
  };
}

describe("minutes exports", () => {
  it("renders the PDF of finalised minutes with the decisions' titles and page numbers", async () => {
    const r = await download(`/exports/meetings/${finalMeeting.dbId}/minutes.pdf`, tokens.officer);
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/application\/pdf/);
    const { text, pages } = await pdfText(r.body);
    for (const title of finalMeeting.decisions)
      expect(text.replace(/\s+/g, " ")).toContain(title.replace(/\s+/g, " "));
    expect(text).toContain("Landeshauptstadt Schwerin");
    expect(text).toContain("Anwesend");
    expect(text).toContain(`Seite 1 von ${pages}`);
    expect(text).not.toContain("ENTWURF");
  });

  it("marks a draft with ENTWURF", async () => {
    const r = await download(`/exports/meetings/${draftMeeting.dbId}/minutes.pdf`, tokens.officer);
    expect(r.status).toBe(200);
    expect((await pdfText(r.body)).text).toContain("ENTWURF");
  });

  it("renders Markdown with agenda, decisions, review summary and action items", async () => {
    const r = await download(`/exports/meetings/${finalMeeting.dbId}/minutes.md`, tokens.officer);
    expect(r.status).toBe(200);
    const text = r.body.toString("utf8");
    expect(text).toMatch(/^# Protokoll: /);
    expect(text).toContain("## Tagesordnung");
    expect(text).toContain("Prüfung der Steuerungsgruppe");
    expect(text).toContain("## Aufgaben");
    for (const title of finalMeeting.decisions) expect(text).toContain(title);
  });

  it("writes amounts in German with thousands separators", async () => {
    const meeting = await ok<{ createMeeting: { id: string } }>(
      hub,
      "mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { id } }",
      {
        input: {
          authorityId: ids.authority,
          kind: "JOUR_FIXE",
          title: "Jour-Fixe Beträge",
          scheduledAt: "2026-02-05T09:00:00Z",
        },
      },
      tokens.officer as string,
    );
    await ok(
      hub,
      "mutation($input: RecordDecisionInput!) { recordDecision(input: $input) { id } }",
      {
        input: {
          meetingId: meeting.createMeeting.id,
          title: "Tablet-Klassensätze",
          text: "Beschlossen.",
          status: "APPROVED",
          costImpact: "12500.50",
          personDayImpact: "1234.5",
        },
      },
      tokens.officer as string,
    );
    const dbId = Buffer.from(meeting.createMeeting.id, "base64").toString().split(":")[1];
    const md = (await download(`/exports/meetings/${dbId}/minutes.md`, tokens.officer)).body.toString("utf8");
    expect(md).toContain("Kosten: 12.500,50 €");
    expect(md).toContain("Aufwand: 1.234,50 PT");
    const pdf = (
      await pdfText((await download(`/exports/meetings/${dbId}/minutes.pdf`, tokens.officer)).body)
    ).text;
    expect(pdf.replace(/\s+/g, " ")).toContain("Kosten: 12.500,50 €");
  });

  it("serves an iCal feed with stable UIDs, by bearer token and by a revocable secret link", async () => {
    const byToken = await download(`/exports/authorities/${ids.authorityDbId}/meetings.ics`, tokens.officer);
    expect(byToken.status).toBe(200);
    expect(byToken.type).toMatch(/text\/calendar/);
    const calendar = new ICAL.Component(ICAL.parse(byToken.body.toString("utf8")));
    const events = calendar.getAllSubcomponents("vevent");
    expect(events.length).toBeGreaterThanOrEqual(50);
    const uids = events.map((e) => String(e.getFirstPropertyValue("uid")));
    expect(new Set(uids).size).toBe(uids.length);
    expect(uids).toContain(`meeting-${finalMeeting.dbId}@schul-it-hub`);
    expect(events.some((e) => e.getFirstPropertyValue("status") === "CANCELLED")).toBe(true);

    const feed = await ok<{ createCalendarFeed: { path: string } }>(
      hub,
      "mutation($id: ID!) { createCalendarFeed(authorityId: $id) { path } }",
      { id: ids.authority },
      tokens.officer as string,
    );
    const viaLink = await download(feed.createCalendarFeed.path);
    expect(viaLink.status).toBe(200);
    const again = new ICAL.Component(ICAL.parse(viaLink.body.toString("utf8")));
    expect(again.getAllSubcomponents("vevent").map((e) => String(e.getFirstPropertyValue("uid")))).toEqual(
      uids,
    );

    // A new link revokes the old one; revoking stops all.
    const second = await ok<{ createCalendarFeed: { path: string } }>(
      hub,
      "mutation($id: ID!) { createCalendarFeed(authorityId: $id) { path } }",
      { id: ids.authority },
      tokens.officer as string,
    );
    expect((await download(feed.createCalendarFeed.path)).status).toBe(404);
    expect((await download(second.createCalendarFeed.path)).status).toBe(200);
    await ok(
      hub,
      "mutation($id: ID!) { revokeCalendarFeeds(authorityId: $id) }",
      { id: ids.authority },
      tokens.officer as string,
    );
    expect((await download(second.createCalendarFeed.path)).status).toBe(404);
    expect((await download("/exports/calendar/not-a-secret/meetings.ics")).status).toBe(404);
  });

  it("wants a signed-in caller", async () => {
    expect((await download(`/exports/meetings/${finalMeeting.dbId}/minutes.pdf`)).status).toBe(401);
    expect((await download(`/exports/authorities/${ids.authorityDbId}/meetings.ics`)).status).toBe(401);
  });
});

describe.each(["parchim", "kits"])("a foreign authority's person (%s)", (who) => {
  it("gets 404 for every export", async () => {
    for (const path of [
      `/exports/meetings/${finalMeeting.dbId}/minutes.pdf`,
      `/exports/meetings/${finalMeeting.dbId}/minutes.md`,
      `/exports/authorities/${ids.authorityDbId}/meetings.ics`,
    ]) {
      const r = await download(path, tokens[who]);
      expect([403, 404], path).toContain(r.status);
      expect(r.body.toString("utf8")).not.toMatch(/Schwerin|Jour-Fixe/);
    }
  });

  it("cannot open a calendar link for Schwerin", async () => {
    const r = await hub.gql(
      "mutation($id: ID!) { createCalendarFeed(authorityId: $id) { path } }",
      { id: ids.authority },
      tokens[who],
    );
    expect(codes(r)).toEqual(["NOT_FOUND"]);
  });

  it("reads no meeting or decision, by id, node, register or search", async () => {
    for (const [query, variables] of [
      ["query($id: ID!) { meeting(id: $id) { title } }", { id: finalMeeting.id }],
      ["query($id: ID!) { decision(id: $id) { title } }", { id: decisionId }],
      ["query($id: ID!) { node(id: $id) { ... on Meeting { title } } }", { id: finalMeeting.id }],
      ["query($id: ID!) { node(id: $id) { ... on Decision { title } } }", { id: decisionId }],
      [
        "query($id: ID!) { carryForwardCandidates(meetingId: $id) { agendaItems { title } } }",
        { id: finalMeeting.id },
      ],
      ["query($id: ID!) { overdueActionItems(authorityId: $id) { title } }", { id: ids.authority }],
      [
        'query($id: ID!) { searchGovernance(text: "Tablets", authorityId: $id) { title } }',
        { id: ids.authority },
      ],
    ] as const) {
      const r = await hub.gql(query, variables, tokens[who]);
      expect(JSON.stringify(r.data ?? {}), query).not.toMatch(/Schwerin|Tablet|Jour-Fixe|WLAN/);
      expect(codes(r).length, query).toBeGreaterThan(0);
      expect(
        codes(r).every((c) => c === "NOT_FOUND" || c === "FORBIDDEN"),
        query,
      ).toBe(true);
    }
    const register = await ok<{ decisions: { totalCount: number } }>(
      hub,
      "{ decisions(first: 10) { totalCount } }",
      {},
      tokens[who] as string,
    );
    expect(register.decisions.totalCount).toBe(0);
    const search = await ok<{ searchGovernance: unknown[] }>(
      hub,
      '{ searchGovernance(text: "Tablets") { title } }',
      {},
      tokens[who] as string,
    );
    expect(search.searchGovernance).toEqual([]);
    const pending = await ok<{ myPendingReviews: unknown[] }>(
      hub,
      "{ myPendingReviews { title } }",
      {},
      tokens[who] as string,
    );
    expect(pending.myPendingReviews).toEqual([]);
  });

  it("cannot write into Schwerin's meetings", async () => {
    const r = await hub.gql(
      'mutation($id: ID!) { addAgendaItem(input: { meetingId: $id, title: "x" }) { id } }',
      { id: gid("Meeting", draftMeeting.dbId) },
      tokens[who],
    );
    expect(codes(r)).toEqual(["NOT_FOUND"]);
  });

  it("cannot subscribe to Schwerin's decisions", async () => {
    const { results, errors } = await collect(
      hub.ws(tokens[who]),
      "subscription($id: ID!) { decisionUpdated(authorityId: $id) { change } }",
      { id: ids.authority },
      1,
    );
    expect(results).toEqual([]);
    expect(JSON.stringify(errors)).toMatch(/NOT_FOUND|FORBIDDEN/);
  });
});

// Per-request loaders: figures a list of decisions asks for per decision (its review
// summary, who has not reviewed yet) in one query per kind, however many decisions.
import DataLoader from "dataloader";
import type { ReviewVerdict } from "../../db/generated/client/enums.ts";
import type { Context } from "../../graphql/context.ts";

export interface ReviewSummaryData {
  counts: Record<ReviewVerdict, number>;
  members: number;
  pendingUserIds: string[];
}

interface Loaders {
  /** Current verdicts per decision. */
  currentReviews: DataLoader<string, { reviewerId: string; verdict: ReviewVerdict }[]>;
  /** User ids of the steering group members per authority. */
  steeringMembers: DataLoader<string, string[]>;
  users: DataLoader<string, Awaited<ReturnType<Context["db"]["read"]["user"]["findMany"]>>[number] | null>;
}

const perContext = new WeakMap<Context, Loaders>();

export function loaders(ctx: Context): Loaders {
  let found = perContext.get(ctx);
  if (!found) {
    found = create(ctx);
    perContext.set(ctx, found);
  }
  return found;
}

function create(ctx: Context): Loaders {
  const db = ctx.db.read;
  return {
    currentReviews: new DataLoader(async (decisionIds) => {
      const rows = await db.decisionReview.findMany({
        where: { decisionId: { in: [...decisionIds] }, current: true },
        select: { decisionId: true, reviewerId: true, verdict: true },
      });
      return decisionIds.map((id) => rows.filter((r) => r.decisionId === id));
    }),
    steeringMembers: new DataLoader(async (authorityIds) => {
      const rows = await db.steeringGroupMember.findMany({
        where: { group: { authorityId: { in: [...authorityIds] } } },
        select: { userId: true, group: { select: { authorityId: true } } },
        orderBy: [{ coordinator: "desc" }, { createdAt: "asc" }],
      });
      return authorityIds.map((id) => rows.filter((r) => r.group.authorityId === id).map((r) => r.userId));
    }),
    users: new DataLoader(async (ids) => {
      const rows = await db.user.findMany({ where: { id: { in: [...ids] } } });
      return ids.map((id) => rows.find((r) => r.id === id) ?? null);
    }),
  };
}

export async function reviewSummary(
  ctx: Context,
  decision: { id: string; authorityId: string },
): Promise<ReviewSummaryData> {
  const l = loaders(ctx);
  const [reviews, members] = await Promise.all([
    l.currentReviews.load(decision.id),
    l.steeringMembers.load(decision.authorityId),
  ]);
  const counts: Record<ReviewVerdict, number> = { ACKNOWLEDGE: 0, APPROVE: 0, OBJECT: 0, ABSTAIN: 0 };
  for (const review of reviews) counts[review.verdict]++;
  const reviewed = new Set(reviews.map((r) => r.reviewerId));
  return { counts, members: members.length, pendingUserIds: members.filter((id) => !reviewed.has(id)) };
}

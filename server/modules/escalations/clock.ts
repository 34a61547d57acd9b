// The clocks of an escalation: time to review and to resolution against the authority's
// targets, counted in working days of its federal state.
import type { Severity } from "../../db/generated/client/enums.ts";
import { berlinDate } from "../../lib/dates.ts";
import type { FederalState } from "../../lib/holidays.ts";
import { addWorkingDays, workingDaysBetween } from "../../lib/workdays.ts";

export interface Target {
  reviewDays: number;
  resolveDays: number;
}

/** Defaults until an authority sets its own: a critical case is reviewed within one working day. */
export const DEFAULT_TARGETS: Record<Severity, Target> = {
  CRITICAL: { reviewDays: 1, resolveDays: 5 },
  HIGH: { reviewDays: 2, resolveDays: 10 },
  MEDIUM: { reviewDays: 3, resolveDays: 15 },
  LOW: { reviewDays: 5, resolveDays: 20 },
};

export interface ClockInput {
  severity: Severity;
  raisedAt: Date;
  reviewedAt: Date | null;
  resolvedAt: Date | null;
}

export interface Clock {
  reviewTargetDays: number;
  resolutionTargetDays: number;
  reviewDueDate: string;
  resolutionDueDate: string;
  /** Working days from raising to review, or so far while unreviewed. */
  workingDaysToReview: number;
  workingDaysToResolution: number;
  reviewed: boolean;
  resolved: boolean;
  reviewedInTime: boolean;
  resolvedInTime: boolean;
  /** Working days past the first missed open deadline; 0 when nothing open is late. */
  overdueWorkingDays: number;
  overdue: boolean;
}

export function clock(input: ClockInput, target: Target, state: FederalState, now = new Date()): Clock {
  const raisedOn = berlinDate(input.raisedAt);
  const reviewDueDate = addWorkingDays(raisedOn, target.reviewDays, state);
  const resolutionDueDate = addWorkingDays(raisedOn, target.resolveDays, state);
  const toReview = workingDaysBetween(input.raisedAt, input.reviewedAt ?? now, state);
  const toResolution = workingDaysBetween(input.raisedAt, input.resolvedAt ?? now, state);
  const dueAt = (date: string) => new Date(`${date}T12:00:00Z`);
  let overdueWorkingDays = 0;
  if (!input.resolvedAt) {
    const lateReview = input.reviewedAt ? 0 : lateBy(reviewDueDate);
    overdueWorkingDays = Math.max(lateReview, lateBy(resolutionDueDate));
  }
  function lateBy(due: string): number {
    return berlinDate(now) > due ? workingDaysBetween(dueAt(due), now, state) : 0;
  }
  return {
    reviewTargetDays: target.reviewDays,
    resolutionTargetDays: target.resolveDays,
    reviewDueDate,
    resolutionDueDate,
    workingDaysToReview: toReview,
    workingDaysToResolution: toResolution,
    reviewed: input.reviewedAt !== null,
    resolved: input.resolvedAt !== null,
    reviewedInTime: input.reviewedAt !== null && toReview <= target.reviewDays,
    resolvedInTime: input.resolvedAt !== null && toResolution <= target.resolveDays,
    overdueWorkingDays,
    overdue: overdueWorkingDays > 0,
  };
}

-- CreateEnum
CREATE TYPE "AuthorityKind" AS ENUM ('CITY', 'MUNICIPALITY', 'AMT', 'DISTRICT', 'ADMINISTRATIVE_COMMUNITY');

-- CreateEnum
CREATE TYPE "SchoolKind" AS ENUM ('PRIMARY', 'REGIONAL', 'GRAMMAR', 'COMPREHENSIVE', 'SPECIAL_NEEDS', 'VOCATIONAL');

-- CreateEnum
CREATE TYPE "UpgradeStatus" AS ENUM ('PLANNED', 'IN_PROGRESS', 'COMPLETED');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'SERVICE_MANAGER', 'PROVIDER_STAFF', 'SCHOOL_IT_OFFICER', 'STEERING_MEMBER', 'CONTROLLER', 'SCHOOL_CONTACT');

-- CreateEnum
CREATE TYPE "Department" AS ENUM ('SCHOOL_AUTHORITY', 'IT_DEPARTMENT', 'FACILITY_MANAGEMENT', 'FINANCE', 'PROVIDER');

-- CreateEnum
CREATE TYPE "MeetingKind" AS ENUM ('JOUR_FIXE', 'STEERING_GROUP');

-- CreateEnum
CREATE TYPE "MeetingStatus" AS ENUM ('SCHEDULED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "MinutesStatus" AS ENUM ('DRAFT', 'FINAL');

-- CreateEnum
CREATE TYPE "AgendaItemKind" AS ENUM ('INFORMATION', 'DECISION', 'PROCUREMENT', 'ESCALATION', 'OTHER');

-- CreateEnum
CREATE TYPE "AgendaItemStatus" AS ENUM ('OPEN', 'DONE', 'CARRIED_FORWARD');

-- CreateEnum
CREATE TYPE "DecisionStatus" AS ENUM ('PROPOSED', 'APPROVED', 'REJECTED', 'DEFERRED', 'REVOKED');

-- CreateEnum
CREATE TYPE "ReviewVerdict" AS ENUM ('ACKNOWLEDGE', 'APPROVE', 'OBJECT', 'ABSTAIN');

-- CreateEnum
CREATE TYPE "ActionItemStatus" AS ENUM ('OPEN', 'DONE', 'CANCELLED');

-- CreateEnum
CREATE TYPE "ProcurementCategory" AS ENUM ('SOFTWARE', 'HARDWARE', 'SPECIAL_EQUIPMENT', 'NETWORK_INFRASTRUCTURE');

-- CreateEnum
CREATE TYPE "ProcurementStatus" AS ENUM ('RAISED', 'ON_AGENDA', 'APPROVED', 'REJECTED', 'ORDERED', 'DELIVERED', 'ACCEPTED');

-- CreateEnum
CREATE TYPE "ServiceOrderStatus" AS ENUM ('DRAFT', 'ACTIVE', 'CLOSED');

-- CreateEnum
CREATE TYPE "ProofStatus" AS ENUM ('DRAFT', 'ISSUED', 'CHECKED', 'DISPUTED', 'SETTLED');

-- CreateEnum
CREATE TYPE "AlertKind" AS ENUM ('THRESHOLD', 'BURN_RATE');

-- CreateEnum
CREATE TYPE "Severity" AS ENUM ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL');

-- CreateEnum
CREATE TYPE "EscalationStatus" AS ENUM ('RAISED', 'IN_REVIEW', 'ON_AGENDA', 'RESOLVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "SatisfactionSource" AS ENUM ('ESCALATION', 'SURVEY');

-- CreateEnum
CREATE TYPE "MeasureKind" AS ENUM ('UPGRADE', 'INSTALLATION', 'REPAIR', 'NETWORK', 'OTHER');

-- CreateEnum
CREATE TYPE "MeasureStatus" AS ENUM ('PLANNED', 'IN_PROGRESS', 'COMPLETED', 'ACCEPTED');

-- CreateTable
CREATE TABLE "Provider" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "shortName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Provider_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SchoolAuthority" (
    "id" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "AuthorityKind" NOT NULL,
    "state" TEXT NOT NULL,
    "legalBasis" TEXT NOT NULL,
    "agreementStart" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SchoolAuthority_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "School" (
    "id" TEXT NOT NULL,
    "authorityId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "SchoolKind" NOT NULL,
    "upgradeStatus" "UpgradeStatus" NOT NULL DEFAULT 'PLANNED',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "School_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "providerId" TEXT,
    "authorityId" TEXT,
    "schoolId" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UserRole" (
    "userId" TEXT NOT NULL,
    "role" "Role" NOT NULL,

    CONSTRAINT "UserRole_pkey" PRIMARY KEY ("userId","role")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SteeringGroup" (
    "id" TEXT NOT NULL,
    "authorityId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SteeringGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SteeringGroupMember" (
    "id" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "department" "Department" NOT NULL,
    "coordinator" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SteeringGroupMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignInThrottle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL,
    "lastFailure" TIMESTAMP(3) NOT NULL,
    "lockedUntil" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SignInThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "authorityId" TEXT,
    "objectType" TEXT NOT NULL,
    "objectId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "changes" TEXT NOT NULL,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingSeries" (
    "id" TEXT NOT NULL,
    "authorityId" TEXT NOT NULL,
    "kind" "MeetingKind" NOT NULL,
    "title" TEXT NOT NULL,
    "weekday" INTEGER NOT NULL,
    "startTime" TEXT NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "startDate" TEXT NOT NULL,
    "endDate" TEXT,
    "count" INTEGER,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeetingSeries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Meeting" (
    "id" TEXT NOT NULL,
    "authorityId" TEXT NOT NULL,
    "seriesId" TEXT,
    "kind" "MeetingKind" NOT NULL,
    "title" TEXT NOT NULL,
    "scheduledAt" TIMESTAMP(3) NOT NULL,
    "durationMinutes" INTEGER NOT NULL DEFAULT 60,
    "location" TEXT,
    "status" "MeetingStatus" NOT NULL DEFAULT 'SCHEDULED',
    "cancelReason" TEXT,
    "minutesStatus" "MinutesStatus" NOT NULL DEFAULT 'DRAFT',
    "summary" TEXT,
    "finalizedAt" TIMESTAMP(3),
    "finalizedById" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingParticipant" (
    "meetingId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "invited" BOOLEAN NOT NULL DEFAULT true,
    "attended" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "MeetingParticipant_pkey" PRIMARY KEY ("meetingId","userId")
);

-- CreateTable
CREATE TABLE "AgendaItem" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "kind" "AgendaItemKind" NOT NULL DEFAULT 'OTHER',
    "status" "AgendaItemStatus" NOT NULL DEFAULT 'OPEN',
    "presenterId" TEXT,
    "notes" TEXT,
    "carriedFromId" TEXT,
    "procurementRequestId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AgendaItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Decision" (
    "id" TEXT NOT NULL,
    "authorityId" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "agendaItemId" TEXT,
    "title" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "status" "DecisionStatus" NOT NULL DEFAULT 'PROPOSED',
    "statusReason" TEXT,
    "schoolId" TEXT,
    "procurementRequestId" TEXT,
    "costImpactCents" BIGINT,
    "personDayImpact" INTEGER,
    "followUpDate" TEXT,
    "decidedOn" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Decision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DecisionReview" (
    "id" TEXT NOT NULL,
    "decisionId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "verdict" "ReviewVerdict" NOT NULL,
    "comment" TEXT,
    "current" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DecisionReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActionItem" (
    "id" TEXT NOT NULL,
    "authorityId" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "agendaItemId" TEXT,
    "title" TEXT NOT NULL,
    "ownerId" TEXT,
    "dueDate" TEXT,
    "status" "ActionItemStatus" NOT NULL DEFAULT 'OPEN',
    "completedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ActionItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Amendment" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Amendment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProcurementRequest" (
    "id" TEXT NOT NULL,
    "authorityId" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "category" "ProcurementCategory" NOT NULL,
    "title" TEXT NOT NULL,
    "justification" TEXT NOT NULL,
    "estimatedCostCents" BIGINT NOT NULL,
    "status" "ProcurementStatus" NOT NULL DEFAULT 'RAISED',
    "raisedById" TEXT NOT NULL,
    "orderedAt" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),
    "acceptedAt" TIMESTAMP(3),
    "acceptedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProcurementRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalendarFeed" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "authorityId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "CalendarFeed_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SearchEntry" (
    "id" TEXT NOT NULL,
    "authorityId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "objectId" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "length" INTEGER NOT NULL,

    CONSTRAINT "SearchEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SearchTerm" (
    "term" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "weight" INTEGER NOT NULL,

    CONSTRAINT "SearchTerm_pkey" PRIMARY KEY ("term","entryId")
);

-- CreateTable
CREATE TABLE "ServiceOrder" (
    "id" TEXT NOT NULL,
    "authorityId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "dailyRateCents" BIGINT NOT NULL,
    "validFrom" TEXT NOT NULL,
    "validTo" TEXT NOT NULL,
    "status" "ServiceOrderStatus" NOT NULL DEFAULT 'ACTIVE',
    "planProfile" TEXT,
    "burnMarginPct" INTEGER NOT NULL DEFAULT 10,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ServiceOrder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceLine" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "volume" INTEGER NOT NULL,

    CONSTRAINT "ServiceLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrderAmendment" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "lineId" TEXT NOT NULL,
    "effectiveDate" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "previousVolume" INTEGER NOT NULL,
    "newVolume" INTEGER NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrderAmendment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Booking" (
    "id" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "orderId" TEXT NOT NULL,
    "lineId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "personDays" INTEGER NOT NULL,
    "orderBalance" INTEGER NOT NULL,
    "schoolId" TEXT,
    "ticketRef" TEXT,
    "description" TEXT NOT NULL,
    "bookedById" TEXT NOT NULL,
    "reversalOfId" TEXT,
    "idempotencyKey" TEXT,
    "requestHash" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Booking_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DailyTotal" (
    "orderId" TEXT NOT NULL,
    "lineId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "personDays" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "DailyTotal_pkey" PRIMARY KEY ("orderId","lineId","date")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "lineId" TEXT,
    "scope" TEXT NOT NULL,
    "kind" "AlertKind" NOT NULL,
    "threshold" INTEGER NOT NULL,
    "message" TEXT NOT NULL,
    "acknowledgedById" TEXT,
    "acknowledgedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProofOfService" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "status" "ProofStatus" NOT NULL DEFAULT 'DRAFT',
    "snapshot" TEXT,
    "issuedAt" TIMESTAMP(3),
    "issuedById" TEXT,
    "checkedAt" TIMESTAMP(3),
    "checkedById" TEXT,
    "disputeReason" TEXT,
    "disputedAt" TIMESTAMP(3),
    "settledAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProofOfService_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Escalation" (
    "id" TEXT NOT NULL,
    "authorityId" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "ticketRef" TEXT,
    "severity" "Severity" NOT NULL,
    "status" "EscalationStatus" NOT NULL DEFAULT 'RAISED',
    "raisedById" TEXT NOT NULL,
    "raisedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reviewedAt" TIMESTAMP(3),
    "reviewedById" TEXT,
    "agendaItemId" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "resolvedById" TEXT,
    "resolution" TEXT,
    "decisionId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Escalation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EscalationTarget" (
    "authorityId" TEXT NOT NULL,
    "severity" "Severity" NOT NULL,
    "reviewDays" INTEGER NOT NULL,
    "resolveDays" INTEGER NOT NULL,

    CONSTRAINT "EscalationTarget_pkey" PRIMARY KEY ("authorityId","severity")
);

-- CreateTable
CREATE TABLE "SatisfactionRating" (
    "id" TEXT NOT NULL,
    "authorityId" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "source" "SatisfactionSource" NOT NULL,
    "escalationId" TEXT,
    "period" TEXT,
    "score" INTEGER NOT NULL,
    "comment" TEXT,
    "ratedById" TEXT NOT NULL,
    "ratedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SatisfactionRating_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceMeasure" (
    "id" TEXT NOT NULL,
    "authorityId" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "kind" "MeasureKind" NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "status" "MeasureStatus" NOT NULL DEFAULT 'PLANNED',
    "startedAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "report" TEXT,
    "acceptanceRequired" BOOLEAN NOT NULL DEFAULT true,
    "acceptedAt" TIMESTAMP(3),
    "acceptedById" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ServiceMeasure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeasureBooking" (
    "measureId" TEXT NOT NULL,
    "bookingId" TEXT NOT NULL,

    CONSTRAINT "MeasureBooking_pkey" PRIMARY KEY ("measureId","bookingId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Provider_name_key" ON "Provider"("name");

-- CreateIndex
CREATE UNIQUE INDEX "SchoolAuthority_name_key" ON "SchoolAuthority"("name");

-- CreateIndex
CREATE INDEX "SchoolAuthority_providerId_idx" ON "SchoolAuthority"("providerId");

-- CreateIndex
CREATE UNIQUE INDEX "School_authorityId_name_key" ON "School"("authorityId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_authorityId_idx" ON "User"("authorityId");

-- CreateIndex
CREATE UNIQUE INDEX "Session_tokenHash_key" ON "Session"("tokenHash");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "SteeringGroup_authorityId_key" ON "SteeringGroup"("authorityId");

-- CreateIndex
CREATE INDEX "SteeringGroupMember_userId_idx" ON "SteeringGroupMember"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "SteeringGroupMember_groupId_userId_key" ON "SteeringGroupMember"("groupId", "userId");

-- CreateIndex
CREATE INDEX "SignInThrottle_lastFailure_idx" ON "SignInThrottle"("lastFailure");

-- CreateIndex
CREATE INDEX "AuditEntry_authorityId_at_idx" ON "AuditEntry"("authorityId", "at");

-- CreateIndex
CREATE INDEX "AuditEntry_objectType_objectId_idx" ON "AuditEntry"("objectType", "objectId");

-- CreateIndex
CREATE INDEX "MeetingSeries_authorityId_idx" ON "MeetingSeries"("authorityId");

-- CreateIndex
CREATE INDEX "Meeting_authorityId_scheduledAt_idx" ON "Meeting"("authorityId", "scheduledAt");

-- CreateIndex
CREATE INDEX "Meeting_seriesId_idx" ON "Meeting"("seriesId");

-- CreateIndex
CREATE INDEX "MeetingParticipant_userId_idx" ON "MeetingParticipant"("userId");

-- CreateIndex
CREATE INDEX "AgendaItem_meetingId_position_idx" ON "AgendaItem"("meetingId", "position");

-- CreateIndex
CREATE INDEX "Decision_authorityId_status_idx" ON "Decision"("authorityId", "status");

-- CreateIndex
CREATE INDEX "Decision_meetingId_idx" ON "Decision"("meetingId");

-- CreateIndex
CREATE INDEX "DecisionReview_decisionId_current_idx" ON "DecisionReview"("decisionId", "current");

-- CreateIndex
CREATE INDEX "DecisionReview_reviewerId_current_idx" ON "DecisionReview"("reviewerId", "current");

-- CreateIndex
CREATE INDEX "ActionItem_authorityId_status_dueDate_idx" ON "ActionItem"("authorityId", "status", "dueDate");

-- CreateIndex
CREATE INDEX "Amendment_meetingId_idx" ON "Amendment"("meetingId");

-- CreateIndex
CREATE INDEX "ProcurementRequest_authorityId_status_idx" ON "ProcurementRequest"("authorityId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "CalendarFeed_tokenHash_key" ON "CalendarFeed"("tokenHash");

-- CreateIndex
CREATE INDEX "CalendarFeed_userId_authorityId_idx" ON "CalendarFeed"("userId", "authorityId");

-- CreateIndex
CREATE UNIQUE INDEX "SearchEntry_objectId_key" ON "SearchEntry"("objectId");

-- CreateIndex
CREATE INDEX "SearchEntry_authorityId_date_idx" ON "SearchEntry"("authorityId", "date");

-- CreateIndex
CREATE INDEX "SearchTerm_entryId_idx" ON "SearchTerm"("entryId");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceOrder_authorityId_year_key" ON "ServiceOrder"("authorityId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceLine_orderId_name_key" ON "ServiceLine"("orderId", "name");

-- CreateIndex
CREATE INDEX "OrderAmendment_orderId_idx" ON "OrderAmendment"("orderId");

-- CreateIndex
CREATE UNIQUE INDEX "Booking_seq_key" ON "Booking"("seq");

-- CreateIndex
CREATE UNIQUE INDEX "Booking_reversalOfId_key" ON "Booking"("reversalOfId");

-- CreateIndex
CREATE INDEX "Booking_orderId_date_idx" ON "Booking"("orderId", "date");

-- CreateIndex
CREATE INDEX "Booking_orderId_seq_idx" ON "Booking"("orderId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "Booking_orderId_idempotencyKey_key" ON "Booking"("orderId", "idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "Alert_orderId_scope_kind_threshold_key" ON "Alert"("orderId", "scope", "kind", "threshold");

-- CreateIndex
CREATE UNIQUE INDEX "ProofOfService_orderId_month_key" ON "ProofOfService"("orderId", "month");

-- CreateIndex
CREATE UNIQUE INDEX "Escalation_agendaItemId_key" ON "Escalation"("agendaItemId");

-- CreateIndex
CREATE INDEX "Escalation_authorityId_status_idx" ON "Escalation"("authorityId", "status");

-- CreateIndex
CREATE INDEX "Escalation_schoolId_raisedAt_idx" ON "Escalation"("schoolId", "raisedAt");

-- CreateIndex
CREATE INDEX "Escalation_authorityId_ticketRef_idx" ON "Escalation"("authorityId", "ticketRef");

-- CreateIndex
CREATE UNIQUE INDEX "SatisfactionRating_escalationId_key" ON "SatisfactionRating"("escalationId");

-- CreateIndex
CREATE INDEX "SatisfactionRating_authorityId_ratedAt_idx" ON "SatisfactionRating"("authorityId", "ratedAt");

-- CreateIndex
CREATE INDEX "SatisfactionRating_schoolId_idx" ON "SatisfactionRating"("schoolId");

-- CreateIndex
CREATE INDEX "ServiceMeasure_authorityId_status_idx" ON "ServiceMeasure"("authorityId", "status");

-- CreateIndex
CREATE INDEX "ServiceMeasure_schoolId_idx" ON "ServiceMeasure"("schoolId");

-- CreateIndex
CREATE UNIQUE INDEX "MeasureBooking_bookingId_key" ON "MeasureBooking"("bookingId");

-- AddForeignKey
ALTER TABLE "SchoolAuthority" ADD CONSTRAINT "SchoolAuthority_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "School" ADD CONSTRAINT "School_authorityId_fkey" FOREIGN KEY ("authorityId") REFERENCES "SchoolAuthority"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_authorityId_fkey" FOREIGN KEY ("authorityId") REFERENCES "SchoolAuthority"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserRole" ADD CONSTRAINT "UserRole_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SteeringGroup" ADD CONSTRAINT "SteeringGroup_authorityId_fkey" FOREIGN KEY ("authorityId") REFERENCES "SchoolAuthority"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SteeringGroupMember" ADD CONSTRAINT "SteeringGroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "SteeringGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SteeringGroupMember" ADD CONSTRAINT "SteeringGroupMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEntry" ADD CONSTRAINT "AuditEntry_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEntry" ADD CONSTRAINT "AuditEntry_authorityId_fkey" FOREIGN KEY ("authorityId") REFERENCES "SchoolAuthority"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingSeries" ADD CONSTRAINT "MeetingSeries_authorityId_fkey" FOREIGN KEY ("authorityId") REFERENCES "SchoolAuthority"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_authorityId_fkey" FOREIGN KEY ("authorityId") REFERENCES "SchoolAuthority"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "MeetingSeries"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingParticipant" ADD CONSTRAINT "MeetingParticipant_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingParticipant" ADD CONSTRAINT "MeetingParticipant_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaItem" ADD CONSTRAINT "AgendaItem_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaItem" ADD CONSTRAINT "AgendaItem_presenterId_fkey" FOREIGN KEY ("presenterId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaItem" ADD CONSTRAINT "AgendaItem_carriedFromId_fkey" FOREIGN KEY ("carriedFromId") REFERENCES "AgendaItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaItem" ADD CONSTRAINT "AgendaItem_procurementRequestId_fkey" FOREIGN KEY ("procurementRequestId") REFERENCES "ProcurementRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_authorityId_fkey" FOREIGN KEY ("authorityId") REFERENCES "SchoolAuthority"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_agendaItemId_fkey" FOREIGN KEY ("agendaItemId") REFERENCES "AgendaItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_procurementRequestId_fkey" FOREIGN KEY ("procurementRequestId") REFERENCES "ProcurementRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DecisionReview" ADD CONSTRAINT "DecisionReview_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "Decision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DecisionReview" ADD CONSTRAINT "DecisionReview_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionItem" ADD CONSTRAINT "ActionItem_authorityId_fkey" FOREIGN KEY ("authorityId") REFERENCES "SchoolAuthority"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionItem" ADD CONSTRAINT "ActionItem_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionItem" ADD CONSTRAINT "ActionItem_agendaItemId_fkey" FOREIGN KEY ("agendaItemId") REFERENCES "AgendaItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionItem" ADD CONSTRAINT "ActionItem_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Amendment" ADD CONSTRAINT "Amendment_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Amendment" ADD CONSTRAINT "Amendment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProcurementRequest" ADD CONSTRAINT "ProcurementRequest_authorityId_fkey" FOREIGN KEY ("authorityId") REFERENCES "SchoolAuthority"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProcurementRequest" ADD CONSTRAINT "ProcurementRequest_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProcurementRequest" ADD CONSTRAINT "ProcurementRequest_raisedById_fkey" FOREIGN KEY ("raisedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProcurementRequest" ADD CONSTRAINT "ProcurementRequest_acceptedById_fkey" FOREIGN KEY ("acceptedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalendarFeed" ADD CONSTRAINT "CalendarFeed_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalendarFeed" ADD CONSTRAINT "CalendarFeed_authorityId_fkey" FOREIGN KEY ("authorityId") REFERENCES "SchoolAuthority"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SearchEntry" ADD CONSTRAINT "SearchEntry_authorityId_fkey" FOREIGN KEY ("authorityId") REFERENCES "SchoolAuthority"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SearchTerm" ADD CONSTRAINT "SearchTerm_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "SearchEntry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceOrder" ADD CONSTRAINT "ServiceOrder_authorityId_fkey" FOREIGN KEY ("authorityId") REFERENCES "SchoolAuthority"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceLine" ADD CONSTRAINT "ServiceLine_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "ServiceOrder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderAmendment" ADD CONSTRAINT "OrderAmendment_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "ServiceOrder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderAmendment" ADD CONSTRAINT "OrderAmendment_lineId_fkey" FOREIGN KEY ("lineId") REFERENCES "ServiceLine"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderAmendment" ADD CONSTRAINT "OrderAmendment_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "ServiceOrder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_lineId_fkey" FOREIGN KEY ("lineId") REFERENCES "ServiceLine"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_bookedById_fkey" FOREIGN KEY ("bookedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_reversalOfId_fkey" FOREIGN KEY ("reversalOfId") REFERENCES "Booking"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DailyTotal" ADD CONSTRAINT "DailyTotal_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "ServiceOrder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DailyTotal" ADD CONSTRAINT "DailyTotal_lineId_fkey" FOREIGN KEY ("lineId") REFERENCES "ServiceLine"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "ServiceOrder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_lineId_fkey" FOREIGN KEY ("lineId") REFERENCES "ServiceLine"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_acknowledgedById_fkey" FOREIGN KEY ("acknowledgedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProofOfService" ADD CONSTRAINT "ProofOfService_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "ServiceOrder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProofOfService" ADD CONSTRAINT "ProofOfService_issuedById_fkey" FOREIGN KEY ("issuedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProofOfService" ADD CONSTRAINT "ProofOfService_checkedById_fkey" FOREIGN KEY ("checkedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_authorityId_fkey" FOREIGN KEY ("authorityId") REFERENCES "SchoolAuthority"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_raisedById_fkey" FOREIGN KEY ("raisedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_agendaItemId_fkey" FOREIGN KEY ("agendaItemId") REFERENCES "AgendaItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "Decision"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EscalationTarget" ADD CONSTRAINT "EscalationTarget_authorityId_fkey" FOREIGN KEY ("authorityId") REFERENCES "SchoolAuthority"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SatisfactionRating" ADD CONSTRAINT "SatisfactionRating_authorityId_fkey" FOREIGN KEY ("authorityId") REFERENCES "SchoolAuthority"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SatisfactionRating" ADD CONSTRAINT "SatisfactionRating_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SatisfactionRating" ADD CONSTRAINT "SatisfactionRating_escalationId_fkey" FOREIGN KEY ("escalationId") REFERENCES "Escalation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceMeasure" ADD CONSTRAINT "ServiceMeasure_authorityId_fkey" FOREIGN KEY ("authorityId") REFERENCES "SchoolAuthority"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceMeasure" ADD CONSTRAINT "ServiceMeasure_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeasureBooking" ADD CONSTRAINT "MeasureBooking_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "ServiceMeasure"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeasureBooking" ADD CONSTRAINT "MeasureBooking_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The ledger is append-only in the database itself: a correction is a reversal, a new row.
-- Hand-written (Prisma's differ neither creates nor drops functions and triggers). A later
-- migration that redefines "Booking" must keep these triggers in place.
CREATE FUNCTION "Booking_append_only"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'Booking is append-only: book a reversal instead of changing an entry';
    END IF;
    RAISE EXCEPTION 'Booking is append-only: book a reversal instead of deleting an entry';
END;
$$;
CREATE TRIGGER "Booking_no_update" BEFORE UPDATE ON "Booking"
    FOR EACH ROW EXECUTE FUNCTION "Booking_append_only"();
CREATE TRIGGER "Booking_no_delete" BEFORE DELETE ON "Booking"
    FOR EACH ROW EXECUTE FUNCTION "Booking_append_only"();

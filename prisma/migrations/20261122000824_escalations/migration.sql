-- CreateTable
CREATE TABLE "Escalation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "authorityId" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "ticketRef" TEXT,
    "severity" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'RAISED',
    "raisedById" TEXT NOT NULL,
    "raisedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reviewedAt" DATETIME,
    "reviewedById" TEXT,
    "agendaItemId" TEXT,
    "resolvedAt" DATETIME,
    "resolvedById" TEXT,
    "resolution" TEXT,
    "decisionId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Escalation_authorityId_fkey" FOREIGN KEY ("authorityId") REFERENCES "SchoolAuthority" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Escalation_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Escalation_raisedById_fkey" FOREIGN KEY ("raisedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Escalation_agendaItemId_fkey" FOREIGN KEY ("agendaItemId") REFERENCES "AgendaItem" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Escalation_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "Decision" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EscalationTarget" (
    "authorityId" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "reviewDays" INTEGER NOT NULL,
    "resolveDays" INTEGER NOT NULL,

    PRIMARY KEY ("authorityId", "severity"),
    CONSTRAINT "EscalationTarget_authorityId_fkey" FOREIGN KEY ("authorityId") REFERENCES "SchoolAuthority" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SatisfactionRating" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "authorityId" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "escalationId" TEXT,
    "period" TEXT,
    "score" INTEGER NOT NULL,
    "comment" TEXT,
    "ratedById" TEXT NOT NULL,
    "ratedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SatisfactionRating_authorityId_fkey" FOREIGN KEY ("authorityId") REFERENCES "SchoolAuthority" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SatisfactionRating_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SatisfactionRating_escalationId_fkey" FOREIGN KEY ("escalationId") REFERENCES "Escalation" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ServiceMeasure" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "authorityId" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "status" TEXT NOT NULL DEFAULT 'PLANNED',
    "startedAt" DATETIME,
    "completedAt" DATETIME,
    "report" TEXT,
    "acceptanceRequired" BOOLEAN NOT NULL DEFAULT true,
    "acceptedAt" DATETIME,
    "acceptedById" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ServiceMeasure_authorityId_fkey" FOREIGN KEY ("authorityId") REFERENCES "SchoolAuthority" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ServiceMeasure_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MeasureBooking" (
    "measureId" TEXT NOT NULL,
    "bookingId" TEXT NOT NULL,

    PRIMARY KEY ("measureId", "bookingId"),
    CONSTRAINT "MeasureBooking_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "ServiceMeasure" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "MeasureBooking_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Escalation_agendaItemId_key" ON "Escalation"("agendaItemId");

-- CreateIndex
CREATE INDEX "Escalation_authorityId_status_idx" ON "Escalation"("authorityId", "status");

-- CreateIndex
CREATE INDEX "Escalation_schoolId_raisedAt_idx" ON "Escalation"("schoolId", "raisedAt");

-- CreateIndex
CREATE INDEX "Escalation_authorityId_ticketRef_idx" ON "Escalation"("authorityId", "ticketRef");

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

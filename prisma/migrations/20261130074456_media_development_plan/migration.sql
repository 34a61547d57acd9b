-- CreateTable
CREATE TABLE "MediaDevelopmentPlan" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "authorityId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "periodStart" INTEGER NOT NULL,
    "periodEnd" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "version" INTEGER NOT NULL DEFAULT 1,
    "predecessorId" TEXT,
    "adoptedAt" DATETIME,
    "adoptedDecisionId" TEXT,
    "adoptedById" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "MediaDevelopmentPlan_authorityId_fkey" FOREIGN KEY ("authorityId") REFERENCES "SchoolAuthority" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "MediaDevelopmentPlan_predecessorId_fkey" FOREIGN KEY ("predecessorId") REFERENCES "MediaDevelopmentPlan" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "MediaDevelopmentPlan_adoptedDecisionId_fkey" FOREIGN KEY ("adoptedDecisionId") REFERENCES "Decision" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "MediaDevelopmentPlan_adoptedById_fkey" FOREIGN KEY ("adoptedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "MediaDevelopmentPlan_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PlanTarget" (
    "planId" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "description" TEXT NOT NULL,

    PRIMARY KEY ("planId", "schoolId", "category"),
    CONSTRAINT "PlanTarget_planId_fkey" FOREIGN KEY ("planId") REFERENCES "MediaDevelopmentPlan" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "PlanTarget_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PlannedMeasure" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "planId" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "investmentCents" BIGINT NOT NULL,
    "personDays" INTEGER NOT NULL,
    "serviceLine" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PLANNED',
    "carriedFromYear" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PlannedMeasure_planId_fkey" FOREIGN KEY ("planId") REFERENCES "MediaDevelopmentPlan" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "PlannedMeasure_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PlannedMeasureLink" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "plannedMeasureId" TEXT NOT NULL,
    "serviceMeasureId" TEXT,
    "procurementRequestId" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PlannedMeasureLink_plannedMeasureId_fkey" FOREIGN KEY ("plannedMeasureId") REFERENCES "PlannedMeasure" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "PlannedMeasureLink_serviceMeasureId_fkey" FOREIGN KEY ("serviceMeasureId") REFERENCES "ServiceMeasure" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "PlannedMeasureLink_procurementRequestId_fkey" FOREIGN KEY ("procurementRequestId") REFERENCES "ProcurementRequest" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "PlannedMeasureLink_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SchoolAuthority" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "providerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "legalBasis" TEXT NOT NULL,
    "agreementStart" TEXT NOT NULL,
    "agreementKind" TEXT,
    "agreementCouncilDecisionOn" TEXT,
    "agreementSignedOn" TEXT,
    "agreementReference" TEXT,
    "mediaPlanVarianceThreshold" INTEGER NOT NULL DEFAULT 10,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SchoolAuthority_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_SchoolAuthority" ("agreementCouncilDecisionOn", "agreementKind", "agreementReference", "agreementSignedOn", "agreementStart", "createdAt", "id", "kind", "legalBasis", "name", "providerId", "state") SELECT "agreementCouncilDecisionOn", "agreementKind", "agreementReference", "agreementSignedOn", "agreementStart", "createdAt", "id", "kind", "legalBasis", "name", "providerId", "state" FROM "SchoolAuthority";
DROP TABLE "SchoolAuthority";
ALTER TABLE "new_SchoolAuthority" RENAME TO "SchoolAuthority";
CREATE UNIQUE INDEX "SchoolAuthority_name_key" ON "SchoolAuthority"("name");
CREATE INDEX "SchoolAuthority_providerId_idx" ON "SchoolAuthority"("providerId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "MediaDevelopmentPlan_predecessorId_key" ON "MediaDevelopmentPlan"("predecessorId");

-- CreateIndex
CREATE INDEX "MediaDevelopmentPlan_authorityId_status_idx" ON "MediaDevelopmentPlan"("authorityId", "status");

-- CreateIndex
CREATE INDEX "PlannedMeasure_planId_year_idx" ON "PlannedMeasure"("planId", "year");

-- CreateIndex
CREATE INDEX "PlannedMeasure_schoolId_idx" ON "PlannedMeasure"("schoolId");

-- CreateIndex
CREATE INDEX "PlannedMeasureLink_serviceMeasureId_idx" ON "PlannedMeasureLink"("serviceMeasureId");

-- CreateIndex
CREATE INDEX "PlannedMeasureLink_procurementRequestId_idx" ON "PlannedMeasureLink"("procurementRequestId");

-- CreateIndex
CREATE UNIQUE INDEX "PlannedMeasureLink_plannedMeasureId_serviceMeasureId_key" ON "PlannedMeasureLink"("plannedMeasureId", "serviceMeasureId");

-- CreateIndex
CREATE UNIQUE INDEX "PlannedMeasureLink_plannedMeasureId_procurementRequestId_key" ON "PlannedMeasureLink"("plannedMeasureId", "procurementRequestId");

-- An adopted or superseded version is frozen in the database itself: its measures and targets
-- are neither removed nor changed, except a measure's progress (status). Inserts stay open, as
-- for the ledger, so that db:copy and restore can write a frozen version's rows; the service
-- refuses new measures in a frozen version. Hand-written (Prisma's differ neither creates nor
-- drops triggers).
CREATE TRIGGER "PlannedMeasure_frozen_delete" BEFORE DELETE ON "PlannedMeasure"
WHEN (SELECT "status" FROM "MediaDevelopmentPlan" WHERE "id" = OLD."planId") <> 'DRAFT'
BEGIN
    SELECT RAISE(ABORT, 'MediaDevelopmentPlan is frozen: measures of an adopted version stay');
END;
CREATE TRIGGER "PlannedMeasure_frozen_update" BEFORE UPDATE OF "planId", "schoolId", "category", "title", "year", "investmentCents", "personDays", "serviceLine" ON "PlannedMeasure"
WHEN (SELECT "status" FROM "MediaDevelopmentPlan" WHERE "id" = OLD."planId") <> 'DRAFT'
BEGIN
    SELECT RAISE(ABORT, 'MediaDevelopmentPlan is frozen: only the status of an adopted version''s measure changes');
END;
CREATE TRIGGER "PlanTarget_frozen_update" BEFORE UPDATE ON "PlanTarget"
WHEN (SELECT "status" FROM "MediaDevelopmentPlan" WHERE "id" = OLD."planId") <> 'DRAFT'
BEGIN
    SELECT RAISE(ABORT, 'MediaDevelopmentPlan is frozen: targets of an adopted version stay');
END;
CREATE TRIGGER "PlanTarget_frozen_delete" BEFORE DELETE ON "PlanTarget"
WHEN (SELECT "status" FROM "MediaDevelopmentPlan" WHERE "id" = OLD."planId") <> 'DRAFT'
BEGIN
    SELECT RAISE(ABORT, 'MediaDevelopmentPlan is frozen: targets of an adopted version stay');
END;

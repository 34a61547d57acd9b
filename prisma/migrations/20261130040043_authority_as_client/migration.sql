-- AlterTable
ALTER TABLE "SchoolAuthority" ADD COLUMN "agreementCouncilDecisionOn" TEXT;
ALTER TABLE "SchoolAuthority" ADD COLUMN "agreementKind" TEXT;
ALTER TABLE "SchoolAuthority" ADD COLUMN "agreementReference" TEXT;
ALTER TABLE "SchoolAuthority" ADD COLUMN "agreementSignedOn" TEXT;

-- CreateTable
CREATE TABLE "SchoolHandover" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "schoolId" TEXT NOT NULL,
    "fromSide" TEXT NOT NULL,
    "toSide" TEXT NOT NULL,
    "handoverDate" TEXT NOT NULL,
    "note" TEXT,
    "measureId" TEXT,
    "proposedById" TEXT NOT NULL,
    "confirmedById" TEXT,
    "confirmedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SchoolHandover_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SchoolHandover_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "ServiceMeasure" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "SchoolHandover_proposedById_fkey" FOREIGN KEY ("proposedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SchoolHandover_confirmedById_fkey" FOREIGN KEY ("confirmedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- AlterTable (in place: redefining "Booking" would drop its append-only triggers)
ALTER TABLE "Booking" ADD COLUMN "outsideResponsibility" BOOLEAN NOT NULL DEFAULT false;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_OrderAmendment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orderId" TEXT NOT NULL,
    "lineId" TEXT NOT NULL,
    "effectiveDate" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "previousVolume" INTEGER NOT NULL,
    "newVolume" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PROPOSED',
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "rejectionReason" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OrderAmendment_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "ServiceOrder" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "OrderAmendment_lineId_fkey" FOREIGN KEY ("lineId") REFERENCES "ServiceLine" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "OrderAmendment_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "OrderAmendment_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
-- Amendments made before approval existed were in force at once: they count as approved by their author.
INSERT INTO "new_OrderAmendment" ("createdAt", "createdById", "effectiveDate", "id", "lineId", "newVolume", "orderId", "previousVolume", "reason", "status", "decidedById", "decidedAt") SELECT "createdAt", "createdById", "effectiveDate", "id", "lineId", "newVolume", "orderId", "previousVolume", "reason", 'APPROVED', "createdById", "createdAt" FROM "OrderAmendment";
DROP TABLE "OrderAmendment";
ALTER TABLE "new_OrderAmendment" RENAME TO "OrderAmendment";
CREATE INDEX "OrderAmendment_orderId_idx" ON "OrderAmendment"("orderId");
CREATE TABLE "new_ServiceOrder" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "authorityId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "dailyRateCents" BIGINT NOT NULL,
    "validFrom" TEXT NOT NULL,
    "validTo" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "commissionedAt" DATETIME,
    "commissionedById" TEXT,
    "commissioningDecisionId" TEXT,
    "budgetLine" TEXT,
    "planProfile" TEXT,
    "burnMarginPct" INTEGER NOT NULL DEFAULT 10,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ServiceOrder_authorityId_fkey" FOREIGN KEY ("authorityId") REFERENCES "SchoolAuthority" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ServiceOrder_commissionedById_fkey" FOREIGN KEY ("commissionedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ServiceOrder_commissioningDecisionId_fkey" FOREIGN KEY ("commissioningDecisionId") REFERENCES "Decision" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_ServiceOrder" ("authorityId", "burnMarginPct", "createdAt", "dailyRateCents", "id", "planProfile", "status", "title", "updatedAt", "validFrom", "validTo", "version", "year") SELECT "authorityId", "burnMarginPct", "createdAt", "dailyRateCents", "id", "planProfile", "status", "title", "updatedAt", "validFrom", "validTo", "version", "year" FROM "ServiceOrder";
DROP TABLE "ServiceOrder";
ALTER TABLE "new_ServiceOrder" RENAME TO "ServiceOrder";
CREATE UNIQUE INDEX "ServiceOrder_authorityId_year_key" ON "ServiceOrder"("authorityId", "year");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "SchoolHandover_schoolId_handoverDate_idx" ON "SchoolHandover"("schoolId", "handoverDate");

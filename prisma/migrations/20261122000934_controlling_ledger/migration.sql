-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Alert" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orderId" TEXT NOT NULL,
    "lineId" TEXT,
    "scope" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "threshold" INTEGER NOT NULL,
    "message" TEXT NOT NULL,
    "acknowledgedById" TEXT,
    "acknowledgedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Alert_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "ServiceOrder" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Alert_lineId_fkey" FOREIGN KEY ("lineId") REFERENCES "ServiceLine" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Alert_acknowledgedById_fkey" FOREIGN KEY ("acknowledgedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Alert" ("acknowledgedAt", "acknowledgedById", "createdAt", "id", "kind", "lineId", "message", "orderId", "scope", "threshold") SELECT "acknowledgedAt", "acknowledgedById", "createdAt", "id", "kind", "lineId", "message", "orderId", "scope", "threshold" FROM "Alert";
DROP TABLE "Alert";
ALTER TABLE "new_Alert" RENAME TO "Alert";
CREATE UNIQUE INDEX "Alert_orderId_scope_kind_threshold_key" ON "Alert"("orderId", "scope", "kind", "threshold");
CREATE TABLE "new_Booking" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Booking_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "ServiceOrder" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Booking_lineId_fkey" FOREIGN KEY ("lineId") REFERENCES "ServiceLine" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Booking_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Booking_bookedById_fkey" FOREIGN KEY ("bookedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Booking_reversalOfId_fkey" FOREIGN KEY ("reversalOfId") REFERENCES "Booking" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Booking" ("bookedById", "createdAt", "date", "description", "id", "idempotencyKey", "lineId", "orderId", "personDays", "requestHash", "reversalOfId", "schoolId", "seq", "ticketRef", "orderBalance") SELECT "bookedById", "createdAt", "date", "description", "id", "idempotencyKey", "lineId", "orderId", "personDays", "requestHash", "reversalOfId", "schoolId", "seq", "ticketRef", SUM("personDays") OVER (PARTITION BY "orderId" ORDER BY "seq") FROM "Booking";
DROP TABLE "Booking";
ALTER TABLE "new_Booking" RENAME TO "Booking";
CREATE UNIQUE INDEX "Booking_seq_key" ON "Booking"("seq");
CREATE UNIQUE INDEX "Booking_reversalOfId_key" ON "Booking"("reversalOfId");
CREATE INDEX "Booking_orderId_date_idx" ON "Booking"("orderId", "date");
CREATE INDEX "Booking_orderId_seq_idx" ON "Booking"("orderId", "seq");
CREATE UNIQUE INDEX "Booking_orderId_idempotencyKey_key" ON "Booking"("orderId", "idempotencyKey");
CREATE TABLE "new_OrderAmendment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orderId" TEXT NOT NULL,
    "lineId" TEXT NOT NULL,
    "effectiveDate" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "previousVolume" INTEGER NOT NULL,
    "newVolume" INTEGER NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OrderAmendment_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "ServiceOrder" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "OrderAmendment_lineId_fkey" FOREIGN KEY ("lineId") REFERENCES "ServiceLine" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "OrderAmendment_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_OrderAmendment" ("createdAt", "createdById", "effectiveDate", "id", "lineId", "newVolume", "orderId", "previousVolume", "reason") SELECT "createdAt", "createdById", "effectiveDate", "id", "lineId", "newVolume", "orderId", "previousVolume", "reason" FROM "OrderAmendment";
DROP TABLE "OrderAmendment";
ALTER TABLE "new_OrderAmendment" RENAME TO "OrderAmendment";
CREATE INDEX "OrderAmendment_orderId_idx" ON "OrderAmendment"("orderId");
CREATE TABLE "new_ProofOfService" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orderId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "snapshot" TEXT,
    "issuedAt" DATETIME,
    "issuedById" TEXT,
    "checkedAt" DATETIME,
    "checkedById" TEXT,
    "disputeReason" TEXT,
    "disputedAt" DATETIME,
    "settledAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProofOfService_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "ServiceOrder" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ProofOfService_issuedById_fkey" FOREIGN KEY ("issuedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ProofOfService_checkedById_fkey" FOREIGN KEY ("checkedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_ProofOfService" ("checkedAt", "checkedById", "createdAt", "disputeReason", "id", "issuedAt", "issuedById", "month", "orderId", "settledAt", "snapshot", "status", "version") SELECT "checkedAt", "checkedById", "createdAt", "disputeReason", "id", "issuedAt", "issuedById", "month", "orderId", "settledAt", "snapshot", "status", "version" FROM "ProofOfService";
DROP TABLE "ProofOfService";
ALTER TABLE "new_ProofOfService" RENAME TO "ProofOfService";
CREATE UNIQUE INDEX "ProofOfService_orderId_month_key" ON "ProofOfService"("orderId", "month");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- The ledger is append-only in the database itself: a correction is a reversal, a new row.
-- Hand-written (Prisma's differ neither creates nor drops triggers). A later migration that
-- redefines "Booking" drops these with the old table and must create them again.
CREATE TRIGGER "Booking_no_update" BEFORE UPDATE ON "Booking"
BEGIN
    SELECT RAISE(ABORT, 'Booking is append-only: book a reversal instead of changing an entry');
END;
CREATE TRIGGER "Booking_no_delete" BEFORE DELETE ON "Booking"
BEGIN
    SELECT RAISE(ABORT, 'Booking is append-only: book a reversal instead of deleting an entry');
END;

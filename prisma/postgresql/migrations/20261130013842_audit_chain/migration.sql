-- AlterTable
ALTER TABLE "AuditEntry" ADD COLUMN     "hash" TEXT,
ADD COLUMN     "prevHash" TEXT,
ADD COLUMN     "seq" INTEGER;

-- Hand-edited: the entries already there get their chain positions in the order they were
-- written; their hashes stay null until the hub chains them (server/modules/audit/chain.ts).
UPDATE "AuditEntry" SET "seq" = numbered."seq"
FROM (SELECT "id", ROW_NUMBER() OVER (ORDER BY "at", "id") AS "seq" FROM "AuditEntry") AS numbered
WHERE "AuditEntry"."id" = numbered."id";
ALTER TABLE "AuditEntry" ALTER COLUMN "seq" SET NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "AuditEntry_seq_key" ON "AuditEntry"("seq");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEntry_prevHash_key" ON "AuditEntry"("prevHash");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEntry_hash_key" ON "AuditEntry"("hash");

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AuditEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "seq" INTEGER NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "authorityId" TEXT,
    "objectType" TEXT NOT NULL,
    "objectId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "changes" TEXT NOT NULL,
    "prevHash" TEXT,
    "hash" TEXT,
    CONSTRAINT "AuditEntry_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "AuditEntry_authorityId_fkey" FOREIGN KEY ("authorityId") REFERENCES "SchoolAuthority" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
-- Hand-edited: the entries already there get their chain positions in the order they were
-- written; their hashes stay null until the hub chains them (server/modules/audit/chain.ts).
INSERT INTO "new_AuditEntry" ("action", "actorId", "at", "authorityId", "changes", "id", "objectId", "objectType", "seq") SELECT "action", "actorId", "at", "authorityId", "changes", "id", "objectId", "objectType", ROW_NUMBER() OVER (ORDER BY "at", "id") FROM "AuditEntry";
DROP TABLE "AuditEntry";
ALTER TABLE "new_AuditEntry" RENAME TO "AuditEntry";
CREATE UNIQUE INDEX "AuditEntry_seq_key" ON "AuditEntry"("seq");
CREATE UNIQUE INDEX "AuditEntry_prevHash_key" ON "AuditEntry"("prevHash");
CREATE UNIQUE INDEX "AuditEntry_hash_key" ON "AuditEntry"("hash");
CREATE INDEX "AuditEntry_authorityId_at_idx" ON "AuditEntry"("authorityId", "at");
CREATE INDEX "AuditEntry_objectType_objectId_idx" ON "AuditEntry"("objectType", "objectId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

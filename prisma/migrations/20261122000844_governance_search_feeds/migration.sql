-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN "cancelReason" TEXT;

-- CreateTable
CREATE TABLE "CalendarFeed" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "authorityId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME,
    CONSTRAINT "CalendarFeed_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CalendarFeed_authorityId_fkey" FOREIGN KEY ("authorityId") REFERENCES "SchoolAuthority" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SearchEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "authorityId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "objectId" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "length" INTEGER NOT NULL,
    CONSTRAINT "SearchEntry_authorityId_fkey" FOREIGN KEY ("authorityId") REFERENCES "SchoolAuthority" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SearchTerm" (
    "term" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "weight" INTEGER NOT NULL,

    PRIMARY KEY ("term", "entryId"),
    CONSTRAINT "SearchTerm_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "SearchEntry" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

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

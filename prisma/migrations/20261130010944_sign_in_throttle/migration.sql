-- CreateTable
CREATE TABLE "SignInThrottle" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "failures" INTEGER NOT NULL,
    "lastFailure" DATETIME NOT NULL,
    "lockedUntil" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "SignInThrottle_lastFailure_idx" ON "SignInThrottle"("lastFailure");

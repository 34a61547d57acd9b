-- CreateTable
CREATE TABLE "SignInOrigin" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "lastSignIn" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "SignInOrigin_lastSignIn_idx" ON "SignInOrigin"("lastSignIn");

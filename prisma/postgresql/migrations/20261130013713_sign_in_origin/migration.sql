-- CreateTable
CREATE TABLE "SignInOrigin" (
    "key" TEXT NOT NULL,
    "lastSignIn" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SignInOrigin_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "SignInOrigin_lastSignIn_idx" ON "SignInOrigin"("lastSignIn");
